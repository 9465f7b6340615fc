"""What a body may hold, checked on its tokens before any HTML exists; each mistake names its line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from ketaguide_app.rich_text.links import LinkError, dois_in_text

# GitHub's callouts: `> [!WARNING]` on a line of its own opens a block quote that is a callout.
CALLOUT_KINDS = ("note", "tip", "important", "warning", "caution")
CALLOUT_MARKER = re.compile(r"^\[!([A-Za-z]+)\][ \t]*(?:\n|$)")
CALLOUT_ON_ITS_LINE = re.compile(r"^\[!([A-Za-z]+)\][ \t]*\S")
# A footnote reference whose note was never written stays text: `[^label]`.
UNWRITTEN_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
HTML_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
# What to write instead of the HTML an editor might reach for.
MARKDOWN_FOR = {
    "b": "**bold**",
    "strong": "**bold**",
    "i": "*emphasis*",
    "em": "*emphasis*",
    "a": "[text](https://…) or [text](/topics/<slug>)",
    "br": "a blank line between paragraphs",
    "p": "a blank line between paragraphs",
    "ul": "lines starting with - ",
    "ol": "lines starting with 1. ",
    "li": "lines starting with - ",
    "table": "a table of | cells |",
    "blockquote": "lines starting with > ",
    "sup": "a footnote, text[^1] with a line [^1]: the source",
}
NO_MARKDOWN = "scripts, styles, frames, forms and images are never published"
MAX_HEADING = 6


class MarkdownError(ValueError):
    """A mistake in a body; `line` is the body's line (0-based) where it is."""

    def __init__(self, problem: str, line: int) -> None:
        """Keep the problem and its line."""
        super().__init__(problem)
        self.problem, self.line = problem, line


def inline_lines(block: Token) -> Iterator[tuple[int, Token]]:
    """Each child of an inline token with the body line it is on (line breaks move to the next line)."""
    line = block.map[0] if block.map else 0
    for child in block.children or []:
        yield line, child
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        line += child.content.count("\n") if child.type != "text" else 0


def refuse_html(tokens: list[Token]) -> None:
    """HTML, as a block or inline, is never published: name the tag and the Markdown for it."""
    for token in tokens:
        if token.type == "html_block":
            raise MarkdownError(_html_problem(token.content), _line(token))
        if token.type == "inline":
            for line, child in inline_lines(token):
                if child.type == "html_inline":
                    raise MarkdownError(_html_problem(child.content), line)
                if child.type == "image":
                    problem = "images are not published: describe what it shows in words, or link to it"
                    raise MarkdownError(problem, line)


def _html_problem(html: str) -> str:
    tag = HTML_TAG.search(html)
    name = tag.group(1).lower() if tag else ""
    instead = f"write {MARKDOWN_FOR[name]}" if name in MARKDOWN_FOR else NO_MARKDOWN
    return f"HTML is not published ({html.strip()[:40]!r}): {instead}"


def heading_levels(tokens: list[Token], entry_level: int) -> int:
    """The shift that puts the body's headings under its entry's heading; a skipped level or an h7 is a mistake."""
    headings = [token for token in tokens if token.type == "heading_open"]
    if not headings:
        return 0
    top = min(int(token.tag[1]) for token in headings)
    shift = entry_level + 1 - top
    previous = top - 1
    for token in headings:
        level = int(token.tag[1])
        if level > previous + 1:
            problem = f"a heading skips a level (h{previous} to h{level} as written): use {'#' * (previous + 1)} here"
            raise MarkdownError(problem, _line(token))
        if level + shift > MAX_HEADING:
            problem = f"a heading this deep would be h{level + shift}; the page stops at h{MAX_HEADING}"
            raise MarkdownError(problem, _line(token))
        previous = level
    return shift


def callout_kind(quote: Token, first: Token | None) -> str | None:
    """The kind of callout a block quote is, from the `[!KIND]` line its first paragraph opens with."""
    if first is None or first.type != "inline":
        return None
    if CALLOUT_ON_ITS_LINE.match(first.content):
        raise MarkdownError("a callout's [!KIND] goes on a line of its own, its text on the lines below", _line(quote))
    marker = CALLOUT_MARKER.match(first.content)
    if marker is None:
        return None
    kind = marker.group(1).lower()
    if kind not in CALLOUT_KINDS:
        allowed = ", ".join(f"[!{name.upper()}]" for name in CALLOUT_KINDS)
        raise MarkdownError(f"unknown callout [!{marker.group(1)}]: use one of {allowed}", _line(quote))
    return kind


def check_footnotes(tokens: list[Token], env: dict[str, object], markdown: str) -> None:
    """Every note is referenced and every reference has its note."""
    for token in tokens:
        if token.type == "inline":
            for line, child in inline_lines(token):
                unwritten = UNWRITTEN_NOTE.search(child.content) if child.type == "text" else None
                if unwritten:
                    label = unwritten.group(1)
                    problem = f"refers to note [^{label}], which is not written: add a line [^{label}]: the source"
                    raise MarkdownError(problem, line)
    footnotes = env.get("footnotes")
    references = footnotes.get("refs", {}) if isinstance(footnotes, dict) else {}
    for key, used in references.items():
        if used == -1:
            label = key.removeprefix(":")
            problem = f"note [^{label}] is never referred to: put [^{label}] after the words it is the source of"
            raise MarkdownError(problem, _definition_line(markdown, label))


def check_dois(tokens: list[Token]) -> None:
    """Every `doi:` in the text is a well-formed DOI."""
    for token in tokens:
        if token.type == "inline":
            for line, child in inline_lines(token):
                if child.type == "text":
                    try:
                        dois_in_text(child.content)
                    except LinkError as error:
                        raise MarkdownError(str(error), line) from None


def _definition_line(markdown: str, label: str) -> int:
    pattern = re.compile(rf"^ {{0,3}}\[\^{re.escape(label)}\]:", re.MULTILINE)
    found = pattern.search(markdown)
    return markdown.count("\n", 0, found.start()) if found else 0


def _line(token: Token) -> int:
    return token.map[0] if token.map else 0
