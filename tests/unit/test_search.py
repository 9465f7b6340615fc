"""The matching rule (ketaguide_app/js/search.js) applied to whole fixture guides, as the FAQ panel applies it.

The rule's own examples and properties are in tests/js/search.test.mjs; here it meets real question files.
"""

from __future__ import annotations

import pytest

from ketaguide_app.components.faq import searched_text
from ketaguide_app.content import load_guide
from tests.fixture_guides import FIXTURE_GUIDES
from tests.javascript import matching


def matched_slugs(guide_name: str, query: str) -> list[str]:
    faqs = load_guide(FIXTURE_GUIDES / guide_name).faqs
    shown = matching(query, [searched_text(faq) for faq in faqs])
    return [faq.slug for faq, show in zip(faqs, shown, strict=True) if show]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("addiction", ["addiction-or-misuse"]),
        ("side effects", ["side-effects"]),
        ("how long", ["how-long-effects-last"]),
        (
            "Kétamine THERAPY",
            [
                "compared-to-antidepressants",
                "addiction-or-misuse",
                "side-effects",
                "how-long-effects-last",
                "who-it-suits",
            ],
        ),
        ("qualified healthcare", ["who-it-suits"]),
        ("xyzzy", []),
    ],
)
def test_questions_match_on_their_question_or_their_answer(query: str, slugs: list[str]) -> None:
    assert matched_slugs("full", query) == slugs


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("CAFE", ["accents"]),
        ("re\u0301sume\u0301", ["combining"]),
        ("brain", ["emoji"]),
        ("🧠", ["accents", "combining", "emoji", "astral", "hebrew", "arabic", "chinese", "greek", "long"]),
        ("astral gothic", ["astral"]),
        ("\u200fקטמין\u200e", ["hebrew"]),
        ("بالكيتامين", ["arabic"]),
        ("氯胺酮", ["chinese"]),
        ("κεταμινη", ["greek"]),
        ("ΣΙΓΜΑ", ["greek"]),
        ("τελικος σιγμας", ["greek"]),  # final sigma folded, and one letter too many forgiven
        ("τελικοσσσ σιγμασσ", []),  # but not two
        ("hundred " + "x" * 200, []),
        ("hundred letters", ["long"]),
    ],
)
def test_every_script_of_the_many_languages_guide_can_be_found(query: str, slugs: list[str]) -> None:
    assert matched_slugs("many-languages", query) == slugs


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("side perception", ["side-effects"]),  # words in strong text and in a list item's emphasis
        ("monitored sessions", ["side-effects"]),
        ("zebra", []),  # a link's address is not its words
        ("example source three", []),  # nor are its sources
        ("quokka", []),  # nor the label of a footnote
        ("monitoring", ["side-effects"]),  # "monitored", by its stem
        (
            "A:",
            [
                "compared-to-antidepressants",
                "addiction-or-misuse",
                "side-effects",
                "how-long-effects-last",
                "who-it-suits",
            ],
        ),  # fmt: skip  (punctuation is no word; the label is no word either)
    ],
)
def test_a_rich_answer_is_searched_by_its_words_not_its_markdown(query: str, slugs: list[str]) -> None:
    assert matched_slugs("rich", query) == slugs
