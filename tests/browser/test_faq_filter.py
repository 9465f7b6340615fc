"""Specification of the FAQ filter: instant, accent-blind, highlighted, announced, shareable and unbreakable."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import Locator, Page, expect

from ketaguide_app.browser import MAX_QUERY_LENGTH
from tests.browser.conftest import PHONE, wait_for_app
from tests.browser.helpers import HeldAppStart, axe_violations, is_open, questions_matching
from tests.exported import Site
from tests.fixture_guides import GUIDE

QUERIES = [
    "addiction",
    "SIDE EFFECTS",
    "effects side",
    "dissociátion",
    "how long",
    "kétamine therapy",
    "qualified",
    "blood-pressure!",
    "(.*",
    "xyzzy",
    "ketamine zebra",
    "",
    "😀",
]


def open_faq(page: Page, site: Site, query: str = "") -> None:
    page.goto(site.url + "/" + (f"?q={urllib.parse.quote_plus(query)}" if query else ""))
    wait_for_app(page)


def search_box(page: Page) -> Locator:
    return page.get_by_role("searchbox", name="Search the questions")


def visible_questions(page: Page) -> list[str]:
    return page.eval_on_selector_all(".faq-item", "(items) => items.filter((d) => !d.hidden).map((d) => d.id)")


def expected_questions(query: str) -> list[str]:
    return [f"faq-{faq.slug}" for faq in questions_matching(query)]


def test_the_search_field_is_labelled_and_explains_itself(page: Page, site: Site) -> None:
    open_faq(page, site)
    box = search_box(page)
    expect(box).to_have_attribute("type", "search")
    expect(box).to_have_accessible_description("Results update as you type. Every word you type must match.")
    expect(page.locator("#faq-count")).to_have_text(f"{len(GUIDE.faqs)} of {len(GUIDE.faqs)} questions")


def test_the_page_shows_exactly_what_the_matching_rule_matches(page: Page, site: Site) -> None:
    open_faq(page, site)
    for query in QUERIES:
        search_box(page).fill(query)
        assert visible_questions(page) == expected_questions(query), query
        shown = len(expected_questions(query))
        expect(page.locator("#faq-count")).to_have_text(f"{shown} of {len(GUIDE.faqs)} questions")


def test_typing_filters_at_each_keystroke(page: Page, site: Site) -> None:
    open_faq(page, site)
    search_box(page).press_sequentially("addic")
    assert visible_questions(page) == ["faq-addiction-or-misuse"]


def test_matched_words_are_highlighted_in_questions_and_answers(page: Page, site: Site) -> None:
    open_faq(page, site)
    search_box(page).fill("effects side")
    marks = page.locator("#faq-side-effects mark").all_text_contents()
    assert [m.lower() for m in marks] == ["side", "effects", "side", "effects", "effects"]
    search_box(page).fill("")
    expect(page.locator(".faq mark")).to_have_count(0)


def test_a_query_is_never_turned_into_markup(page: Page, site: Site) -> None:
    open_faq(page, site)
    search_box(page).fill('side <b id="injected">effects</b> <img src=x onerror=alert(1)>')
    expect(page.locator("#injected")).to_have_count(0)
    expect(page.locator(".faq img")).to_have_count(0)


def test_no_match_shows_an_alert_and_a_way_out(page: Page, site: Site) -> None:
    open_faq(page, site)
    empty = page.locator("#faq-empty")
    expect(empty).to_have_attribute("role", "alert")
    expect(empty).to_have_text("")
    search_box(page).fill("xyzzy")
    expect(empty).to_have_text("No questions match your search.")
    expect(page.locator("#faq-count")).to_have_text("0 of 5 questions")
    page.get_by_role("button", name="Clear the search").click()
    expect(search_box(page)).to_have_value("")
    expect(search_box(page)).to_be_focused()
    assert len(visible_questions(page)) == 5
    expect(page.get_by_role("button", name="Clear the search")).to_be_hidden()
    assert "q=" not in page.url


@pytest.mark.own_context  # the clock it installs is the whole context's
def test_the_count_is_announced_only_once_typing_pauses(page: Page, site: Site) -> None:
    page.clock.install()
    open_faq(page, site)
    announcement = page.locator("#faq-announcement")
    expect(announcement).to_have_attribute("aria-live", "polite")
    search_box(page).press_sequentially("addiction")
    page.clock.run_for(300)
    expect(announcement).to_have_text("")
    page.clock.run_for(1000)
    expect(announcement).to_have_text("1 of 5 questions")


def test_escape_clears_the_search(page: Page, site: Site) -> None:
    open_faq(page, site)
    search_box(page).fill("addiction")
    search_box(page).press("Escape")
    expect(search_box(page)).to_have_value("")
    assert len(visible_questions(page)) == 5


def test_the_query_is_written_to_the_address_without_new_history_entries(page: Page, site: Site) -> None:
    open_faq(page, site)
    history = page.evaluate("() => history.length")
    search_box(page).press_sequentially("side effects")
    # Playwright learns of the page's replaceState a moment later; the page's own address has it at once.
    assert page.evaluate("() => location.search") == "?q=side+effects"
    assert page.evaluate("() => history.length") == history


def test_loading_a_query_from_the_address_shows_that_filtered_view(page: Page, site: Site) -> None:
    page.goto(site.url + "/?q=side+effects")
    wait_for_app(page)
    expect(search_box(page)).to_have_value("side effects")
    assert visible_questions(page) == ["faq-side-effects"]
    page.reload()
    wait_for_app(page)
    expect(search_box(page)).to_have_value("side effects")
    assert visible_questions(page) == ["faq-side-effects"]


def test_what_is_typed_before_the_app_starts_is_filtered_once_it_does(page: Page, site: Site) -> None:
    held = HeldAppStart(page)
    page.goto(site.url + "/", wait_until="domcontentloaded")
    search_box(page).fill("addiction")
    assert not page.evaluate("() => document.documentElement.hasAttribute('data-app-started')")
    held.release()
    wait_for_app(page)
    expect(page.locator("#faq-count")).to_have_text("1 of 5 questions")
    expect(search_box(page)).to_have_value("addiction")
    assert visible_questions(page) == ["faq-addiction-or-misuse"]


def test_each_question_has_a_link_that_opens_it(page: Page, site: Site) -> None:
    for faq in GUIDE.faqs:
        page.goto(site.url + "/")
        link = page.get_by_role("link", name=f"Link to this question: {faq.question}", exact=True, include_hidden=True)
        expect(link).to_have_attribute("href", f"/#faq-{faq.slug}")
        page.goto(site.url + f"/#faq-{faq.slug}")
        page.wait_for_function(f"() => document.getElementById('faq-{faq.slug}').open")
        expect(page.locator(f"#faq-{faq.slug}-heading")).to_be_focused()


def test_the_filter_keeps_working_with_the_network_gone(page: Page, site: Site) -> None:
    open_faq(page, site)
    page.context.set_offline(True)
    for query in ("addiction", "how long", "xyzzy", ""):
        search_box(page).fill(query)
        assert visible_questions(page) == expected_questions(query)


HOSTILE = [
    "a" * 10_000,
    "<script>alert(document.domain)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "(.*+?[]{}\\|^$",
    "😀🔥 side",
    "\u200fضغط الدم\u200e effects",
    "side\u0000\u0007\u001b[31m effects",
    "%E0%A4%A",
    "}};alert(1);//",
]


def test_hostile_input_in_the_address_changes_nothing(page: Page, site: Site) -> None:
    """One tab follows a link with each hostile query in turn, as links someone crafted would arrive."""
    for query in HOSTILE:
        status, _, _ = site.get("/?q=" + urllib.parse.quote_plus(query))
        assert status == 200, query
        open_faq(page, site, query)
        assert len(search_box(page).input_value()) <= MAX_QUERY_LENGTH, query
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], query
        expect(page.locator("svg, img, b")).to_have_count(0)


def test_hostile_input_in_the_field_changes_nothing(page: Page, site: Site) -> None:
    """One page takes every hostile query in turn, as a reader who keeps typing would."""
    open_faq(page, site)
    for query in HOSTILE:
        search_box(page).fill(query)
        assert len(search_box(page).input_value()) <= MAX_QUERY_LENGTH, query
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], query
        expect(page.locator("svg, img, b")).to_have_count(0)
        assert visible_questions(page) == expected_questions(search_box(page).input_value()), query


def test_a_long_query_keeps_its_first_hundred_characters_whole(page: Page, site: Site) -> None:
    open_faq(page, site)
    search_box(page).fill("😀" * (MAX_QUERY_LENGTH + 50) + " side")
    expect(search_box(page)).to_have_value("😀" * MAX_QUERY_LENGTH)


@pytest.mark.parametrize("query", ["side effects", "xyzzy"])
def test_axe_finds_no_violations_in_filtered_and_empty_states(page: Page, site: Site, query: str) -> None:
    open_faq(page, site)
    search_box(page).fill(query)
    page.evaluate("() => document.querySelectorAll('.faq-item').forEach((d) => { d.open = true; })")
    assert axe_violations(page) == []
    assert is_open(page, "faq-side-effects")
