"""Specification of the page before its app has started: every control works, or visibly is not offered yet.

The page fetches its page script once it has painted, and the app (React) after the `load` event, seconds after the
text on a slow phone; these tests hold the app's entry module back, so the page stays as served with only the page
script, or hold the page script itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from ketaguide_app.dom import START_FAILED_EVENT, UNAVAILABLE
from ketaguide_app.reflex_plugin.deferred_start import SCRIPT_RETRIES
from ketaguide_app.wording import WORDING
from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import APP_ENTRY, PAGE_SCRIPT, HeldAppStart, is_open, is_shown, section_header, tap
from tests.exported import Site
from tests.fixture_guides import GUIDE

STARTED = "() => document.documentElement.hasAttribute('data-app-started')"
START_MODULE = "**/assets/start-*.js*"
VISIBLE = "(el) => getComputedStyle(el).visibility === 'visible'"


def open_before_start(page: Page, site: Site, path: str = "/") -> HeldAppStart:
    held = HeldAppStart(page)
    page.goto(site.url + path)
    page.wait_for_function("() => window.ketaguide && window.ketaguide.page")
    assert not page.evaluate(STARTED)
    return held


def test_until_the_page_script_has_run_the_controls_it_drives_are_not_offered(page: Page, site: Site) -> None:
    topic = GUIDE.topics[1]
    held = HeldAppStart(page, PAGE_SCRIPT)
    page.goto(f"{site.url}/topics/{topic.slug}")
    held.requested()  # the page has painted
    show_all = page.get_by_role("button", name=WORDING.show_all_sections, include_hidden=True)
    share_name = WORDING.share_topic.format(title=topic.title)
    share = page.get_by_role("button", name=share_name, exact=True, include_hidden=True)
    search = page.get_by_role("searchbox", name=WORDING.search_label, include_hidden=True)
    to_search = page.locator(".to-search")
    expect(page.locator("h1")).to_be_visible()
    for control in (show_all, share, search, to_search):
        expect(control).to_be_attached()
        expect(control).to_be_hidden()
    expect(page.get_by_role("button")).to_have_count(0)  # nor does a screen reader hear of them
    page.keyboard.press("Tab")  # the skip link, then the first control a reader can reach
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.toolbar, .share, .guide-search, .to-search')") is None
    held.release()
    for control in (show_all, share, search, to_search):
        expect(control).to_be_visible()
    show_all.click()
    assert all(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    wait_for_app(page)


def test_a_page_script_lost_on_the_way_is_asked_for_again_and_then_everything_works(page: Page, site: Site) -> None:
    asked: list[str] = []

    def lose_the_first(route: Route) -> None:
        asked.append(route.request.url)
        if len(asked) == 1:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(PAGE_SCRIPT, lose_the_first)
    page.goto(f"{site.url}/")
    expect(page.get_by_role("button", name=WORDING.show_all_sections)).to_be_visible(timeout=10_000)
    assert len(asked) == 2
    assert asked[0] == asked[1]
    wait_for_app(page)
    page.get_by_role("button", name=WORDING.show_all_sections).click()
    assert all(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    assert page.locator(f'script[src="{urlsplit(asked[0]).path}"]').count() == 1


# Records each time the app's start failed as the loader hears of it: a script that did not load, or the start-up
# module's report that the entry module did not.
HEAR_START_FAILURES = f"""window.startFailures = [];
    addEventListener('error', (event) => event.target instanceof HTMLScriptElement
      && window.startFailures.push(event.target.src), true);
    document.addEventListener('{START_FAILED_EVENT}', () => window.startFailures.push('entry'));"""


@pytest.mark.parametrize("lost", [START_MODULE, APP_ENTRY], ids=["start-up module", "entry module"])
def test_the_apps_modules_lost_on_the_way_are_asked_for_again_and_then_the_faq_filter_works(
    page: Page, site: Site, lost: str
) -> None:
    network_down = True

    def lose_while_down(route: Route) -> None:
        if network_down:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.add_init_script(HEAR_START_FAILURES)
    page.route(lost, lose_while_down)
    page.goto(f"{site.url}/")
    page.wait_for_function("() => window.startFailures.length > 0", timeout=10_000)
    assert not page.evaluate(STARTED)
    field = page.get_by_role("searchbox", name=WORDING.faq_search_label)
    expect(field).to_have_accessible_description(WORDING.faq_search_starting)
    field.fill("addiction")
    network_down = False
    wait_for_app(page)
    expect(page.locator("#faq-count")).to_have_text(f"1 of {len(GUIDE.faqs)} questions")
    expect(field).to_have_accessible_description(WORDING.faq_search_hint)
    retried = page.evaluate("() => [...document.querySelectorAll('script[type=module]')].map((s) => s.src)")
    assert [src for src in retried if "?try=" in src] == [src for src in retried if "/start-" in src]
    assert len([src for src in retried if "/start-" in src]) == 1, "a start-up module that failed is removed"


@pytest.mark.parametrize("lost", [PAGE_SCRIPT, START_MODULE], ids=["page script", "start-up module"])
def test_once_the_loader_stops_asking_for_what_never_arrived_the_faq_field_says_to_reload(
    page: Page, site: Site, lost: str
) -> None:
    asked: list[str] = []

    def lose(route: Route) -> None:
        asked.append(route.request.url)
        route.abort("connectionreset")

    page.route(lost, lose)
    page.goto(f"{site.url}/")
    field = page.get_by_role("searchbox", name=WORDING.faq_search_label)
    expect(field).to_have_accessible_description(WORDING.faq_search_starting)
    box = page.locator("#faq-search-hint").bounding_box()
    page.wait_for_function(f"() => document.documentElement.hasAttribute('{UNAVAILABLE}')", timeout=15_000)
    expect(field).to_have_accessible_description(WORDING.faq_search_unavailable)
    for wording, visible in ((WORDING.faq_search_unavailable, True), (WORDING.faq_search_starting, False)):
        assert page.get_by_text(wording).evaluate(VISIBLE) is visible, wording
    assert page.locator("#faq-search-hint").bounding_box() == box, "the hint changed without moving anything"
    assert len(asked) == 1 + SCRIPT_RETRIES
    assert not page.evaluate(STARTED)


def test_show_all_and_hide_all_work_before_the_app_starts(page: Page, site: Site) -> None:
    held = open_before_start(page, site)
    button = page.get_by_role("button", name=WORDING.show_all_sections)
    button.click()
    assert all(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    page.get_by_role("button", name=WORDING.hide_all_sections).click()
    assert not any(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    held.release()
    wait_for_app(page)
    page.get_by_role("button", name=WORDING.show_all_sections).click()
    assert all(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)


def test_before_the_app_starts_taps_and_keys_end_at_the_window_once_the_page_has_handled_them(
    page: Page, site: Site
) -> None:
    """React, hydrating, would finish all of it in the task of the first tap or key it saw: it sees none yet."""
    held = open_before_start(page, site)
    page.evaluate(
        """() => { window.reached = [];
            for (const type of ['click', 'keydown'])
              document.addEventListener(type, (event) => window.reached.push(event.type), true); }"""
    )
    section_header(page, 1).focus()
    page.keyboard.press("ArrowDown")
    expect(section_header(page, 2)).to_be_focused()
    page.get_by_role("button", name=WORDING.show_all_sections).click()
    assert all(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    assert page.evaluate("() => window.reached") == []
    held.release()
    wait_for_app(page)
    page.get_by_role("button", name=WORDING.hide_all_sections).click()
    assert not any(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    assert page.evaluate("() => window.reached") == ["click"]


def test_the_keys_move_between_headers_before_the_app_starts(page: Page, site: Site) -> None:
    held = open_before_start(page, site)
    section_header(page, 1).focus()
    page.keyboard.press("ArrowDown")
    expect(section_header(page, 2)).to_be_focused()
    page.keyboard.press("End")
    expect(section_header(page, len(GUIDE.sections))).to_be_focused()
    page.keyboard.press("Home")
    expect(section_header(page, 1)).to_be_focused()
    held.release()
    wait_for_app(page)


def test_a_share_button_copies_its_topic_before_the_app_starts(browser: Browser, site: Site) -> None:
    context = new_phone_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    held = open_before_start(page, site, f"/topics/{GUIDE.topics[1].slug}")
    topic = GUIDE.topics[1]
    page.get_by_role("button", name=WORDING.share_topic.format(title=topic.title), exact=True).click()
    expect(page.locator("#share-status")).to_have_text(WORDING.link_copied.format(title=topic.title))
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{site.url}/topics/{topic.slug}"
    held.release()
    wait_for_app(page)  # the app takes over the page the script changed, without an error
    close(context)


def test_the_faq_field_says_results_come_once_the_page_has_loaded_and_keeps_what_was_typed(
    page: Page, site: Site
) -> None:
    held = open_before_start(page, site)
    starting = page.get_by_text(WORDING.faq_search_starting)
    ready = page.get_by_text(WORDING.faq_search_hint)
    assert is_shown(starting)
    assert not ready.evaluate("(el) => getComputedStyle(el).visibility === 'visible'")
    field = page.get_by_role("searchbox", name=WORDING.faq_search_label)
    expect(field).to_have_accessible_description(WORDING.faq_search_starting)
    field.fill("addiction")
    box = page.locator("#faq-search-hint").bounding_box()
    held.release()
    wait_for_app(page)
    expect(page.locator("#faq-count")).to_have_text(f"1 of {len(GUIDE.faqs)} questions")
    expect(field).to_have_accessible_description(WORDING.faq_search_hint)
    assert page.locator("#faq-search-hint").bounding_box() == box, "the hint changed without moving anything"


def test_a_fragment_opens_its_question_before_the_app_starts(page: Page, site: Site) -> None:
    faq = GUIDE.faqs[2]
    held = open_before_start(page, site, f"/#faq-{faq.slug}")
    page.wait_for_function(f"() => document.getElementById('faq-{faq.slug}').open")
    expect(page.locator(f"#faq-{faq.slug}-heading")).to_be_focused()
    held.release()
    wait_for_app(page)


def test_without_javascript_no_control_that_needs_it_is_shown(browser: Browser, site: Site) -> None:
    context = new_phone_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site.url}/topics/{GUIDE.topics[0].slug}")
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("searchbox")).to_have_count(0)
    tap(section_header(page, 2))
    assert is_open(page, f"section-{GUIDE.sections[1].slug}")
    close(context)


def test_a_topic_opened_before_the_app_starts_keeps_every_text_and_gets_its_address_once_started(
    page: Page, site: Site
) -> None:
    """The address changing before the start would make the app start as another page and redraw it, empty."""
    held = open_before_start(page, site)
    section, topic = GUIDE.sections[1], GUIDE.sections[1].topics[0]
    tap(section_header(page, 2))
    tap(page.locator(f"#topic-{topic.slug}-heading"))
    assert is_open(page, f"topic-{topic.slug}")
    held.release()
    wait_for_app(page)
    for faq in GUIDE.faqs:
        expect(page.locator(f"#faq-{faq.slug}-heading h3")).to_have_text(faq.question)
    expect(page.locator(f"#topic-{topic.slug} .overview")).to_contain_text(topic.overview.text)
    assert is_open(page, f"section-{section.slug}")
    expect(page).to_have_url(f"{site.url}/topics/{topic.slug}")
