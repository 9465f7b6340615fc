"""Specification of rich content in a reader's browser: lists, tables, callouts, sources and links, on the rich guide.

Everything that works on plain text works on it: the FAQ filter, find-in-page, print, dark mode, 320 px, 200 % text,
axe, and links that open the topic or heading they name.
"""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import Page, expect

from ketaguide_app.content import load_guide
from ketaguide_app.wording import WORDING
from tests.browser.conftest import wait_for_app
from tests.browser.helpers import axe_violations, is_open, is_shown, open_everything
from tests.exported import Site
from tests.fixture_guides import RICH_GUIDE

RICH = load_guide(RICH_GUIDE)
ROUTES_HEADING = "topic-administration-methods--routes-compared"


def open_topic(page: Page, site: Site, slug: str) -> None:
    page.goto(f"{site.url}/topics/{slug}")
    wait_for_app(page)


def test_lists_callouts_and_sources_read_as_what_they_are(page: Page, rich_site: Site) -> None:
    open_topic(page, rich_site, "safety-profile")
    topic = page.locator("#topic-safety-profile")
    expect(topic.get_by_role("heading", name="Side effects", level=4)).to_be_visible()
    expect(topic.get_by_role("heading", name="Supervision", level=5)).to_be_visible()
    expect(topic.get_by_role("listitem").filter(has_text="changes in perception").last).to_be_visible()
    notes = topic.get_by_role("note")
    expect(notes).to_have_count(2)
    expect(notes.nth(0).locator(".callout-title")).to_have_text(WORDING.callout_warning)
    expect(notes.nth(0)).to_contain_text("A fixture warning")
    expect(notes.nth(1).locator(".callout-title")).to_have_text(WORDING.callout_caution)
    expect(topic.locator(".sources").get_by_role("heading", name=WORDING.sources_heading, level=4)).to_be_visible()
    sources = topic.locator(".sources").get_by_role("listitem")
    expect(sources).to_have_count(2)
    expect(sources.nth(1).get_by_role("link", name="doi:10.5555/12345678 (leaves the guide)")).to_have_attribute(
        "href", "https://doi.org/10.5555/12345678"
    )


def test_a_source_reference_leads_to_its_note_and_back(page: Page, rich_site: Site) -> None:
    open_topic(page, rich_site, "safety-profile")
    page.get_by_role("link", name=WORDING.source_reference.format(number=2), exact=True).click()
    note = page.locator("#topic-safety-profile--source-2")
    expect(note).to_be_in_viewport()
    assert page.evaluate("() => location.hash") == "#topic-safety-profile--source-2"
    note.get_by_role("link", name=WORDING.source_back.format(number=2)).click()
    expect(page.locator("#topic-safety-profile--cite-2")).to_be_in_viewport()


def test_a_link_to_a_heading_in_another_topic_opens_that_topic_on_it(page: Page, rich_site: Site) -> None:
    open_topic(page, rich_site, "safety-profile")
    page.get_by_role("link", name="routes table").click()
    expect(page).to_have_url(f"{rich_site.url}/topics/administration-methods#{ROUTES_HEADING}")
    wait_for_app(page)
    assert is_open(page, "topic-administration-methods")
    expect(page.locator(f"#{ROUTES_HEADING}")).to_be_in_viewport()


def test_a_link_written_as_an_entrys_file_opens_that_entry(page: Page, rich_site: Site) -> None:
    page.goto(rich_site.url + "/")
    wait_for_app(page)
    page.get_by_role("link", name="science of dissociation").click()
    expect(page).to_have_url(f"{rich_site.url}/topics/science-of-dissociation")
    wait_for_app(page)
    expect(page.locator("#topic-science-of-dissociation-heading")).to_be_focused()


def test_a_heading_link_opens_its_closed_topic_on_the_home_page_too(page: Page, rich_site: Site) -> None:
    page.goto(rich_site.url + "/")
    wait_for_app(page)
    assert not is_open(page, "topic-administration-methods")
    page.evaluate(f"() => {{ location.hash = '{ROUTES_HEADING}'; }}")
    page.wait_for_function("() => document.getElementById('topic-administration-methods').open")
    assert is_open(page, "section-administration-and-considerations")
    expect(page.locator(f"#{ROUTES_HEADING}")).to_be_in_viewport()


@pytest.mark.parametrize("text_zoom", ["100%", "200%"])
def test_a_wide_table_scrolls_in_its_own_labelled_region_and_the_page_never_does(
    page: Page, rich_site: Site, text_zoom: str
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    open_topic(page, rich_site, "administration-methods")
    page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{text_zoom}'; }}")
    open_everything(page)
    region = page.get_by_role("region", name="Table: Route, What the guide says, A long column")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=region.element_handle())


def test_the_faq_filter_marks_words_inside_emphasis_links_and_list_items_without_breaking_them(
    page: Page, rich_site: Site
) -> None:
    page.goto(rich_site.url + "/")
    wait_for_app(page)
    answer = page.locator("#faq-side-effects [data-searched].answer")
    original = answer.inner_html()
    page.get_by_label(WORDING.faq_search_label).fill("side perception effects")
    expect(page.locator("#faq-count")).to_have_text("1 of 5 questions")
    expect(answer.locator("strong > mark")).to_have_text("Side")
    expect(answer.locator("li em > mark")).to_have_text("perception")
    expect(answer.locator("a.external > mark")).to_have_text("effects")
    expect(answer.locator(".sources mark, .label mark")).to_have_count(0)
    assert answer.locator("a.external").first.get_attribute("href") == "https://example.org/fixture/zebra"
    page.get_by_label(WORDING.faq_search_label).fill("")
    expect(answer.locator("mark")).to_have_count(0)
    assert answer.inner_html() == original


def test_a_links_address_is_not_searched(page: Page, rich_site: Site) -> None:
    page.goto(rich_site.url + "/?q=zebra")
    wait_for_app(page)
    expect(page.locator("#faq-count")).to_have_text("0 of 5 questions")


def test_a_link_out_of_the_guide_says_so_and_says_when_the_reader_is_offline(page: Page, rich_site: Site) -> None:
    open_topic(page, rich_site, "safety-profile")
    link = page.locator("#topic-safety-profile--source-1 a.external")
    expect(link).to_have_accessible_name("https://example.org/fixture/source-one (leaves the guide)")
    assert is_shown(link.locator(".external-mark"))
    offline_note = link.locator(".offline-note")
    assert not is_shown(offline_note)
    page.context.set_offline(True)
    page.wait_for_function("() => document.documentElement.hasAttribute('data-offline')")
    assert is_shown(offline_note)
    page.context.set_offline(False)
    page.wait_for_function("() => !document.documentElement.hasAttribute('data-offline')")


def test_printing_shows_callouts_tables_and_sources(page: Page, rich_site: Site) -> None:
    page.goto(rich_site.url + "/")
    page.emulate_media(media="print")
    for text in ("A fixture warning", "Example source two, for the fixture.", "Each cell wraps only"):
        assert is_shown(page.get_by_text(text)), text


def test_a_text_fragment_link_reveals_a_callout_in_a_closed_topic(page: Page, rich_site: Site) -> None:
    page.goto(rich_site.url + "/#:~:text=" + urllib.parse.quote("A fixture tip"))
    wait_for_app(page)
    page.wait_for_function("() => document.getElementById('topic-administration-methods').open")
    expect(page.get_by_text("A fixture tip")).to_be_in_viewport()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_rich_content(page: Page, rich_site: Site, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_topic(page, rich_site, "safety-profile")
    open_everything(page)
    assert axe_violations(page) == []


def test_a_rich_topic_link_still_lands_on_the_topic_on_a_small_phone(page: Page, rich_site: Site) -> None:
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{rich_site.url}/topics/safety-profile", wait_until="domcontentloaded")
    expect(page.locator("#topic-safety-profile-heading")).to_be_in_viewport()
    expect(page.locator("#topic-safety-profile .overview .label")).to_be_in_viewport()
    assert RICH.topic("safety-profile") is not None
