"""Specification of the guide's markup, page by page, on every valid fixture guide: ids, wiring, outline, head."""

from __future__ import annotations

import itertools
import re

import pytest
from reflex_base.vars.base import LiteralVar

from ketaguide_app import dom, seo
from ketaguide_app.components.accordion import section_heading
from ketaguide_app.content import load_guide
from ketaguide_app.models import Guide
from ketaguide_app.pages.guide import guide_body
from ketaguide_app.pages.not_found import not_found_page
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.search_documents import search_documents
from ketaguide_app.styles import NO_SCRIPT_STYLESHEET, THEME_COLORS
from ketaguide_app.wording import WORDING
from tests.element_tree import Element, Expression, rendered
from tests.fixture_guides import FIXTURE_GUIDES

GUIDES = ["full", "rich", "minimal", "one-section", "many-languages"]
HEADING = re.compile(r"^h([1-6])$")


def page_of(name: str, open_topic: str = "") -> tuple[Guide, Element]:
    guide = load_guide(FIXTURE_GUIDES / name)
    return guide, rendered(guide_body(guide, LiteralVar.create(open_topic)))


def pages() -> list[tuple[str, str]]:
    """Each fixture guide's home page and its first and last topic's pages."""
    chosen = []
    for name in GUIDES:
        topics = load_guide(FIXTURE_GUIDES / name).topics
        chosen += [(name, ""), (name, topics[0].slug), (name, topics[-1].slug)]
    return chosen


@pytest.mark.parametrize(("name", "open_topic"), pages())
def test_every_id_is_unique_and_every_reference_names_one(name: str, open_topic: str) -> None:
    _, page = page_of(name, open_topic)
    ids = [element.attrs["id"] for element in page.walk() if "id" in element.attrs]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    references = []
    for element in page.walk():
        for attribute in ("aria-labelledby", "aria-describedby", "for"):
            references += element.attrs.get(attribute, "").split()
        href = element.attrs.get("href", "")
        if isinstance(href, str) and href.startswith("#"):
            references.append(href[1:])
    assert sorted(set(references) - set(ids)) == []


@pytest.mark.parametrize(("name", "open_topic"), pages())
def test_the_headings_keep_one_outline(name: str, open_topic: str) -> None:
    _, page = page_of(name, open_topic)
    levels = [int(match.group(1)) for e in page.walk() if (match := HEADING.match(e.tag))]
    assert levels[0] == 1
    assert levels.count(1) == 1
    skipped = [(before, after) for before, after in itertools.pairwise(levels) if after > before + 1]
    assert skipped == []


@pytest.mark.parametrize("name", GUIDES)
def test_sections_topics_and_questions_are_disclosures_wired_by_the_contract(name: str) -> None:
    guide, page = page_of(name)
    for number, section in enumerate(guide.sections, start=1):
        details = page.by_id(dom.section_id(section.slug))
        assert (details.tag, details.attrs[dom.SECTION], details.attrs["open"]) == ("details", section.slug, False)
        summary = page.by_id(dom.section_heading_id(section.slug))
        assert summary.tag == "summary"
        assert [e.tag for e in summary.children if isinstance(e, Element)] == ["h2"]
        assert summary.text() == section_heading(number, section)
    for topic in guide.topics:
        details = page.by_id(dom.topic_id(topic.slug))
        assert (details.tag, details.attrs[dom.TOPIC]) == ("details", topic.slug)
        heading = page.by_id(dom.topic_heading_id(topic.slug)).find_all(lambda e: e.tag == "h3")[0]
        assert heading.text() == topic.title + topic.subtitle
        share = [e for e in details.walk() if e.attrs.get(dom.SHARE) == topic.slug]
        assert [(e.tag, e.attrs["type"], e.text()) for e in share] == [
            ("button", "button", WORDING.share_topic.format(title=topic.title))
        ]
    for faq in guide.faqs:
        details = page.by_id(dom.faq_id(faq.slug))
        assert isinstance(details.attrs["hidden"], Expression), "the filter decides, in the browser"
        searched = details.find_all(lambda e: dom.SEARCHED in e.attrs)
        assert searched[0].text() == faq.question
        link = details.find_all(lambda e: e.tag == "a" and "faq-link" in e.classes())[0]
        assert link.attrs["href"] == f"{HOME_PATH}#{dom.faq_id(faq.slug)}"
        assert link.attrs["aria-label"] == f"{WORDING.faq_link}: {faq.question}"


@pytest.mark.parametrize("name", GUIDES)
def test_a_topic_page_opens_its_section_and_topic_and_lands_right_before_it(name: str) -> None:
    guide = load_guide(FIXTURE_GUIDES / name)
    topic = guide.topics[-1]
    _, page = page_of(name, topic.slug)
    opened = [e.attrs["id"] for e in page.find_all(lambda e: e.tag == "details" and e.attrs.get("open") is True)]
    section = guide.section_of(topic.slug)
    assert section is not None
    assert opened == [dom.section_id(section.slug), dom.topic_id(topic.slug)]
    body = page.by_id(dom.section_id(section.slug)).find_all(lambda e: "section-body" in e.classes())[0]
    order = [e.attrs.get("id") for e in body.children if isinstance(e, Element)]
    assert order[order.index(dom.LANDING) + 1] == dom.topic_id(topic.slug)
    landing = page.by_id(dom.LANDING)
    assert guide.disclaimer_summary in landing.text()
    _, home = page_of(name)
    assert home.find_all(lambda e: e.attrs.get("id") == dom.LANDING) == []


def test_the_controls_that_need_the_page_script_carry_the_contracts_attributes() -> None:
    _, page = page_of("full")
    show_all = page.find_all(lambda e: dom.SHOW_ALL in e.attrs)
    assert [e.tag for e in show_all] == ["button"]
    assert [e.classes() for e in show_all[0].children if isinstance(e, Element)] == [[dom.SHOW_LABEL], [dom.HIDE_LABEL]]
    assert [e.attrs[dom.HEADERS] for e in page.find_all(lambda e: dom.HEADERS in e.attrs)] == ["sections", "questions"]
    field = page.by_id(dom.FAQ_INPUT)
    assert (field.tag, field.attrs["type"], field.attrs["aria-describedby"]) == ("input", "search", dom.FAQ_HINT)
    hint = page.by_id(dom.FAQ_HINT)
    assert [(e.classes(), e.text()) for e in hint.children if isinstance(e, Element)] == [
        ([dom.WHEN_STARTED], WORDING.faq_search_hint),
        ([dom.UNTIL_STARTED], WORDING.faq_search_starting),
        ([dom.IF_UNAVAILABLE], WORDING.faq_search_unavailable),
    ]
    status = page.by_id(dom.SHARE_STATUS)
    assert (status.attrs["role"], status.children) == ("status", []), "the page script alone writes in it"


def test_rich_bodies_are_in_the_tree_as_the_prerender_writes_them() -> None:
    guide, page = page_of("rich")
    topic = guide.topic("safety-profile")
    assert topic is not None
    overview = page.by_id(dom.topic_id(topic.slug)).find_all(lambda e: "overview" in e.classes())[0]
    notes = overview.find_all(lambda e: e.attrs.get("role") == "note")
    assert [note.find_all(lambda e: dom.CALLOUT_TITLE in e.classes())[0].text() for note in notes] == [
        WORDING.callout_warning,
        WORDING.callout_caution,
    ]
    assert [e.attrs["id"] for e in overview.find_all(lambda e: e.tag == "li" and "id" in e.attrs)] == [
        dom.body_id(dom.topic_id(topic.slug), "source-1"),
        dom.body_id(dom.topic_id(topic.slug), "source-2"),
    ]
    region = page.find_all(lambda e: e.attrs.get("role") == "region")[0]
    assert (region.attrs["tabindex"], region.children[1].tag if isinstance(region.children[1], Element) else "") == (
        "0",
        "table",
    )


def test_each_page_heads_its_link_preview_with_its_own_address_title_and_description() -> None:
    guide = load_guide(FIXTURE_GUIDES / "full")
    topic = guide.topics[3]
    meta = seo.PageMeta.for_topic(guide, topic)
    head = Element("head", children=[rendered(tag).children[0] for tag in seo.head_tags(meta)])
    links = {e.attrs["rel"]: e.attrs["href"] for e in head.find_all(lambda e: e.tag == "link")}
    tags = {
        e.attrs.get("property") or e.attrs.get("name"): e.attrs["content"]
        for e in head.find_all(lambda e: e.tag == "meta")
    }
    assert links["canonical"] == seo.absolute(topic_path(topic.slug))
    assert tags["og:title"] == tags["twitter:title"] == meta.title
    assert tags["og:description"] == tags["twitter:description"] == meta.description
    assert tags["og:url"] == links["canonical"]
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == seo.absolute(meta.card.address)
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == meta.card.alt
    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630", "image/png")
    assert "og:image" not in tags, "Reflex writes the one og:image, from add_page(image=), right before these"


def test_the_apps_head_has_a_theme_colour_per_scheme_the_manifest_and_the_no_script_override() -> None:
    from ketaguide_app.ketaguide_app import app  # noqa: PLC0415  (importing the app adds its pages)

    head = Element("head")
    for component in app.head_components:
        head.children += rendered(component).children
    colours = {
        e.attrs["media"]: e.attrs["content"] for e in head.find_all(lambda e: e.attrs.get("name") == "theme-color")
    }
    assert colours == {f"(prefers-color-scheme: {scheme})": colour for scheme, colour in THEME_COLORS.items()}
    assert not head.find_all(lambda e: "css" in e.attrs), "a style prop would be an emotion rule"
    assert [e.attrs["href"] for e in head.find_all(lambda e: e.attrs.get("rel") == "manifest")] == ["/manifest.json"]
    styles = head.find_all(lambda e: e.tag == "noscript")[0].find_all(lambda e: e.tag == "style")
    assert [style.text() for style in styles] == [NO_SCRIPT_STYLESHEET]


def test_the_not_found_page_names_itself_lists_every_topic_and_asks_not_to_be_indexed() -> None:
    from ketaguide_app.state import GuideState  # noqa: PLC0415

    page = rendered(not_found_page())
    guide = GuideState.guide
    assert [e.text() for e in page.find_all(lambda e: e.tag == "h1")] == [WORDING.not_found_title]
    hrefs = [e.attrs["href"] for e in page.find_all(lambda e: e.tag == "a")]
    assert hrefs == [topic_path(topic.slug) for topic in guide.topics] + [HOME_PATH]
    assert page.find_all(lambda e: e.attrs.get("name") == "robots")[0].attrs["content"] == "noindex"


def test_the_tree_is_what_the_browser_sees_in_the_prerendered_page() -> None:
    """The tree agrees with Reflex's own prerender of the same guide (kept in tests/fixtures/prerendered)."""
    from tests.prerendered import fixture  # noqa: PLC0415

    prerendered = fixture("topics/nmda-receptors.html")
    _, page = page_of("full", "nmda-receptors")
    for element in page.walk():
        if "id" in element.attrs and not isinstance(element.attrs["id"], Expression):
            assert f'id="{element.attrs["id"]}"' in prerendered, element.attrs["id"]


@pytest.mark.parametrize(("name", "open_topic"), pages())
def test_the_search_field_is_labelled_wired_and_reachable_from_every_page(name: str, open_topic: str) -> None:
    _, page = page_of(name, open_topic)
    region = page.find_all(lambda e: e.attrs.get("role") == "search" and "guide-search" in e.classes())
    assert [e.attrs["aria-label"] for e in region] == [WORDING.search_label]
    field = page.by_id(dom.SEARCH)
    assert (field.tag, field.attrs["type"], field.attrs["name"]) == ("input", "search", "s")
    assert (field.attrs["aria-describedby"], field.attrs["aria-controls"]) == (dom.SEARCH_HINT, dom.SEARCH_RESULTS)
    label = page.find_all(lambda e: e.tag == "label" and e.attrs.get("for") == dom.SEARCH)
    assert [e.text() for e in label] == [WORDING.search_label]
    assert page.by_id(dom.SEARCH_STATUS).attrs["role"] == "status"
    assert page.by_id(dom.SEARCH_RESULTS).children == [], "the page script alone writes the results"
    header = page.find_all(lambda e: e.tag == "header")[0]
    assert dom.SEARCH in [e.attrs.get("id") for e in header.walk()], "on the first screen, under the title"
    to_search = page.find_all(lambda e: dom.TO_SEARCH in e.classes())
    if open_topic:
        assert [(e.tag, e.attrs["href"], e.attrs["aria-label"]) for e in to_search] == [
            ("a", f"#{dom.SEARCH}", WORDING.search_label)
        ]
        assert to_search[0] in page.by_id(dom.LANDING).walk()
    else:
        assert to_search == []


def test_the_parts_a_search_result_opens_on_have_the_ids_the_index_names() -> None:
    for name in GUIDES:
        guide, page = page_of(name)
        for document in search_documents(guide):
            target = page.by_id(document.target)
            if document.body:
                markable = target.find_all(lambda e: dom.RICH in e.classes() or dom.SEARCHED in e.attrs)
                assert markable, f"{name}: nothing to mark the words in under #{document.target}"
