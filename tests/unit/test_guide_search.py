"""The guide's search on fixture guides: what the index holds, and which results a reader gets for a query.

The matching rule and the ranking are js/search.js's (run here in Node); the index is search_documents.py's. The
table below is written against the `full` fixture guide (the published guide, frozen).
"""

from __future__ import annotations

import json
from dataclasses import asdict

import brotli
import pytest

from ketaguide_app import dom
from ketaguide_app.browser import browser_code
from ketaguide_app.content import load_guide
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.search_documents import search_documents, search_index_json
from tests.fixture_guides import FIXTURE_GUIDES, GUIDE
from tests.javascript import evaluate

DOCUMENTS = [asdict(document) for document in search_documents(GUIDE)]


def results(query: str) -> list[str]:
    """The targets of the results for a query, best first."""
    found = evaluate("ketaguide.search.results(input.query, input.documents)", query=query, documents=DOCUMENTS)
    return [document["target"] for document in found]


def suggestion(query: str) -> str:
    suggested: str = evaluate(
        "ketaguide.search.suggestion(input.query, input.documents)", query=query, documents=DOCUMENTS
    )
    return suggested


# Query, then the results it must return (targets, best first), on the full guide.
QUERY_TABLE = [
    # Topics the FAQ filter alone never found:
    ("side effects", ["faq-side-effects", "topic-dosage-and-individualization", "topic-safety-profile"]),
    ("intranasal", ["topic-administration-methods"]),
    ("neuroplasticity", ["topic-glutamate-pathways"]),
    ("anesthetic", ["topic-what-is-ketamine"]),
    # Stems:
    ("dissociative", ["topic-science-of-dissociation", "faq-side-effects"]),
    ("nmda receptor", ["topic-nmda-receptors"]),
    # One typo:
    ("depresion", ["topic-treating-depression", "faq-compared-to-antidepressants"]),
    ("anxeity", ["topic-anxiety-disorders"]),
    ("neuroplastcity", ["topic-glutamate-pathways"]),
    ("intranasel spray", ["topic-administration-methods"]),
    ("safty profil", ["topic-safety-profile"]),
    # Prefixes, as the reader types:
    ("glutam", ["topic-glutamate-pathways"]),
    ("ptsd", ["topic-managing-ptsd"]),
    # Every word must match:
    ("ptsd intranasal", []),
    ("xyzzy", []),
    ("", []),
]


@pytest.mark.parametrize(("query", "expected"), QUERY_TABLE)
def test_each_query_returns_exactly_these_results_in_this_order(query: str, expected: list[str]) -> None:
    assert results(query) == expected


def test_a_title_match_comes_before_body_matches() -> None:
    found = results("ketamin")
    in_title = [document["target"] for document in DOCUMENTS if "ketamine" in document["title"].lower()]
    assert found[: len(in_title)] == in_title
    assert found[:3] == ["introduction", "section-ketamine-basics", "topic-what-is-ketamine"]
    assert len(found) > len(in_title)


@pytest.mark.parametrize(
    ("query", "better"),
    [("sde effects", "side effects"), ("esketamine", "ketamine"), ("xyzzy", ""), ("side effects", "")],
)
def test_a_word_that_matches_nothing_gets_the_closest_word_the_guide_knows(query: str, better: str) -> None:
    assert suggestion(query) == better


def test_the_index_holds_every_part_of_the_guide_in_reading_order() -> None:
    kinds = [document["kind"] for document in DOCUMENTS]
    assert kinds[0] == "introduction"
    assert kinds[-1] == "conclusion"
    assert kinds.count("section") == len(GUIDE.sections)
    assert kinds.count("topic") == len(GUIDE.topics)
    assert kinds.count("question") == len(GUIDE.faqs)
    topics = [document for document in DOCUMENTS if document["kind"] == "topic"]
    assert [document["target"] for document in topics] == [dom.topic_id(topic.slug) for topic in GUIDE.topics]
    assert [document["href"] for document in topics] == [topic_path(topic.slug) for topic in GUIDE.topics]
    others = [document for document in DOCUMENTS if document["kind"] != "topic"]
    assert {document["href"] for document in others} == {HOME_PATH}


def test_a_document_holds_the_rendered_words_not_the_markdown_nor_the_sources() -> None:
    rich = load_guide(FIXTURE_GUIDES / "rich")
    documents = {document.target: document for document in search_documents(rich)}
    answer = documents[dom.faq_id("side-effects")]
    assert answer.body == rich.faqs[2].answer.text
    for markdown in ("**", "](", "[^"):
        assert markdown not in answer.body
    assert "Example source three" not in answer.body


def test_each_result_names_its_kind_and_place() -> None:
    by_target = {document["target"]: document for document in DOCUMENTS}
    first = GUIDE.sections[0]
    assert by_target[dom.topic_id(first.topics[0].slug)]["place"] == f"Topic in section 1: {first.title}"
    assert by_target[dom.section_id(first.slug)]["place"] == "Section 1"
    assert by_target[dom.faq_id(GUIDE.faqs[0].slug)]["place"] == "Question"
    assert by_target[dom.INTRODUCTION]["place"] == "The introduction"
    assert by_target[dom.CONCLUSION]["place"] == "The conclusion"


def test_a_topic_document_has_its_title_subtitle_and_overview_apart() -> None:
    topic = GUIDE.topics[0]
    document = next(document for document in DOCUMENTS if document["target"] == dom.topic_id(topic.slug))
    assert (document["title"], document["subtitle"], document["body"]) == (
        topic.title,
        topic.subtitle,
        topic.overview.text,
    )


def test_the_index_and_the_search_code_fit_their_budget() -> None:
    """Index plus search code ≤ 25 KiB Brotli (make bench reports the exported figure)."""
    index = search_index_json(GUIDE).encode("utf-8")
    code = browser_code(listening=True).encode("utf-8")
    assert len(brotli.compress(index)) + len(brotli.compress(code)) <= 25 * 1024
    assert json.loads(index) == {"documents": DOCUMENTS}


def test_every_kind_of_result_opens_an_address_with_the_query_and_its_element() -> None:
    addresses = evaluate(
        "input.documents.map((d) => ketaguide.find.resultAddress(input.query, d))",
        query="ketamine side",
        documents=DOCUMENTS,
    )
    for document, address in zip(DOCUMENTS, addresses, strict=True):
        assert address.startswith(f"{document['href']}?s=ketamine%20side#{document['target']}"), address


@pytest.mark.parametrize(
    ("query", "text", "directive"),
    [
        ("ketamine", "Ketamine is a drug.", ":~:text=Ketamine"),
        ("drug", "Ketamine is a drug-like one.", ":~:text=is%20a-,drug"),
        ("one", "a, b, c, d, e, one", ":~:text=d%2C%20e%2C-,one"),
        ("zebra", "Ketamine.", ""),
    ],
)
def test_a_result_carries_a_text_fragment_for_its_first_match(query: str, text: str, directive: str) -> None:
    assert evaluate("ketaguide.find.textDirective(input.query, input.text)", query=query, text=text) == directive
