"""The FAQ matching rule, in Python and as the identical JavaScript expression the browser runs."""

from __future__ import annotations

import unicodedata

MAX_QUERY_LENGTH = 100

# The browser twin of `normalize`: decompose accents, drop them, lowercase, keep letters and digits.
NORMALIZE_JS = (
    '(s) => String(s ?? "").normalize("NFKD").replace(/\\p{M}/gu, "")'
    '.toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, " ").trim()'
)
QUERY_WORDS_JS = f'(q) => ({NORMALIZE_JS})(String(q ?? "").slice(0, {MAX_QUERY_LENGTH})).split(" ").filter(Boolean)'
MATCHES_JS = f"(q, haystack) => ({QUERY_WORDS_JS})(q).every((w) => haystack.includes(w))"
COUNT_JS = f"(q, haystacks) => haystacks.filter((h) => ({MATCHES_JS})(q, h)).length"
SEGMENTS_JS = (
    f"(q, text) => {{ const words = ({QUERY_WORDS_JS})(q); "
    "if (!words.length) return [[text, false]]; "
    "return text.split(/([\\p{L}\\p{N}\\p{M}]+)/u).filter(Boolean).map((part) => "
    f"[part, words.some((w) => ({NORMALIZE_JS})(part).includes(w))]); }}"
)


def normalize(text: str) -> str:
    """Fold case and accents and turn everything but letters and digits into single spaces."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M"))
    kept = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in stripped.lower())
    return " ".join(kept.split())


def query_words(query: str) -> list[str]:
    """The words of a query that must all match, after trimming it to MAX_QUERY_LENGTH."""
    return normalize(query[:MAX_QUERY_LENGTH]).split()


def matches(query: str, text: str) -> bool:
    """Whether every word of the query occurs in the text (an empty query matches everything)."""
    haystack = normalize(text)
    return all(word in haystack for word in query_words(query))


def haystack(*texts: str) -> str:
    """The normalized text that a query is matched against, prepared once at build time."""
    return normalize(" ".join(texts))
