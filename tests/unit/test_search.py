"""Specification of the FAQ matching rule (the browser runs its JavaScript twin, checked in tests/browser)."""

from __future__ import annotations

import pytest

from ketaguide_app.content import load_guide
from ketaguide_app.search import MAX_QUERY_LENGTH, matches, normalize, query_words
from ketaguide_app.state import FaqFilterState
from tests.fixture_guides import FULL_GUIDE

TEXT = "Side effects may include dissociation, changes in perception, and temporary increases in blood pressure."

MATCHING_CASES = [
    ("", True),
    ("   ", True),
    ("side", True),
    ("SIDE EFFECTS", True),
    ("effects side", True),
    ("DISSOCIÁTION", True),
    ("blood-pressure!", True),
    ("press", True),
    ("side zebra", False),
    ("addiction", False),
    ("?!.,", True),
    ("(.*", True),
    ("<script>alert(1)</script>", False),
    ("😀", True),
    ("ضغط", False),
    ("side\u0000effects", True),
]


@pytest.mark.parametrize(("query", "expected"), MATCHING_CASES)
def test_a_question_matches_when_every_word_of_the_query_occurs(query: str, expected: bool) -> None:
    assert matches(query, TEXT) is expected


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("KÉTAMINE", "ketamine"),
        ("Ketamine’s rapid onset", "ketamine s rapid onset"),
        ("treatment-resistant   depression.", "treatment resistant depression"),
        ("ﬁve Ｗｏｒｄｓ", "five words"),
    ],
)
def test_normalizing_folds_case_accents_and_punctuation(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


def test_an_overlong_query_is_trimmed() -> None:
    assert sum(len(word) for word in query_words("a" * 10_000)) == MAX_QUERY_LENGTH


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
def test_the_state_matches_questions_and_answers_of_the_guide(query: str, slugs: list[str]) -> None:
    faqs = load_guide(FULL_GUIDE).faqs
    assert [faq.slug for faq in faqs if FaqFilterState.matches(query, faq)] == slugs
