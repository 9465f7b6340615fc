"""Specification of what each page tells link previews and search engines."""

from __future__ import annotations

import json

import pytest

from ketaguide_app import seo
from ketaguide_app.content import load_guide
from ketaguide_app.reflex_plugin.plugin import robots_txt
from ketaguide_app.settings import BASE_URL_VARIABLE
from tests.fixture_guides import FIXTURE_GUIDES, FULL_GUIDE

GUIDE = load_guide(FULL_GUIDE)


def test_a_topic_page_is_named_after_the_topic_and_the_guide() -> None:
    topic = GUIDE.topic("nmda-receptors")
    assert topic is not None
    meta = seo.PageMeta.for_topic(GUIDE, topic)
    assert meta.title == "NMDA Receptors — What Is Ketamine Therapy? A Detailed Scientific Guide"
    assert meta.path == "/topics/nmda-receptors"
    assert meta.description.startswith("Key Players in Ketamine’s Effects. Delve into the interaction")
    assert len(meta.description) <= seo.DESCRIPTION_LIMIT


def test_absolute_urls_use_the_configured_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, "https://guide.example.org/")
    assert seo.absolute("/topics/x") == "https://guide.example.org/topics/x"
    assert "Sitemap: https://guide.example.org/sitemap.xml" in robots_txt()


def test_absolute_urls_default_to_the_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BASE_URL_VARIABLE, raising=False)
    assert seo.absolute("/") == "http://localhost:3000/"


def test_a_long_description_is_cut_at_a_word() -> None:
    cut = seo.shorten("word " * 100)
    assert len(cut) <= seo.DESCRIPTION_LIMIT
    assert cut.endswith("word…")


def test_structured_data_is_json_with_the_review_date_and_every_question() -> None:
    meta = seo.PageMeta.for_home(GUIDE)
    data = json.loads(seo.structured_data_json(GUIDE, meta))
    page, faq_page = data["@graph"]
    assert page["@type"] == "MedicalWebPage"
    assert page["lastReviewed"] == GUIDE.last_reviewed.isoformat()
    assert [q["name"] for q in faq_page["mainEntity"]] == [f.question for f in GUIDE.faqs]


def test_only_guide_pages_have_a_head_of_their_own() -> None:
    assert seo.page_meta(GUIDE, "/") == seo.PageMeta.for_home(GUIDE)
    topic_meta = seo.page_meta(GUIDE, "/topics/nmda-receptors")
    assert topic_meta is not None
    assert topic_meta.path == "/topics/nmda-receptors"
    assert seo.page_meta(GUIDE, "/topics/no-such-topic") is None
    assert seo.page_meta(GUIDE, "/not-found") is None


RICH = load_guide(FIXTURE_GUIDES / "rich")


def test_descriptions_of_rich_topics_are_plain_text() -> None:
    for topic in RICH.topics:
        description = seo.PageMeta.for_topic(RICH, topic).description
        assert not set("*[]#>|") & set(description), description


def test_a_topic_page_cites_its_sources_and_the_home_page_all_of_them() -> None:
    topic = RICH.topic("safety-profile")
    assert topic is not None
    page = json.loads(seo.structured_data_json(RICH, seo.PageMeta.for_topic(RICH, topic)))["@graph"][0]
    assert page["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Example source one, for the fixture. https://example.org/fixture/source-one",
            "url": "https://example.org/fixture/source-one",
        },
        {
            "@type": "CreativeWork",
            "name": "Example source two, for the fixture. doi:10.5555/12345678",
            "url": "https://doi.org/10.5555/12345678",
        },
    ]
    home, faq_page = json.loads(seo.structured_data_json(RICH, seo.PageMeta.for_home(RICH)))["@graph"]
    assert [source["url"] for source in home["citation"]] == [
        "https://example.org/fixture/source-one",
        "https://doi.org/10.5555/12345678",
        "https://doi.org/10.5555/87654321",
    ]
    answer = faq_page["mainEntity"][2]["acceptedAnswer"]
    assert answer["text"].startswith("Side effects may include: dissociation")
    assert answer["citation"][0]["url"] == "https://doi.org/10.5555/87654321"


def test_a_page_without_sources_cites_nothing() -> None:
    topic = RICH.topic("nmda-receptors")
    assert topic is not None
    assert (
        "citation" not in json.loads(seo.structured_data_json(RICH, seo.PageMeta.for_topic(RICH, topic)))["@graph"][0]
    )
