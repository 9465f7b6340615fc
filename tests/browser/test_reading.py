"""Specification of reading the guide on a phone: served text, accordion, find, print, keyboard, layout."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import (
    axe_violations,
    is_open,
    is_shown,
    open_everything,
    section_header,
    settled,
    tap,
)
from tests.exported import Site
from tests.fixture_guides import GUIDE


def test_the_guide_reads_and_opens_with_javascript_off(browser: Browser, site: Site) -> None:
    context = new_phone_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", name=GUIDE.title)).to_be_visible()
    expect(page.get_by_text(GUIDE.disclaimer)).to_be_visible()
    overview = page.get_by_text(GUIDE.topics[0].overview.text)
    assert not is_shown(overview)
    tap(section_header(page, 1))
    tap(page.locator(f"#topic-{GUIDE.topics[0].slug}-heading"))
    assert is_shown(overview)
    close(context)


def test_title_introduction_and_disclaimer_are_never_collapsed(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    for text in (GUIDE.introduction.text, GUIDE.disclaimer):
        locator = page.get_by_text(text)
        assert is_shown(locator)
        assert locator.evaluate("(el) => el.closest('details') === null")


def test_sections_and_topics_toggle_with_the_websocket_blocked(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    wait_for_app(page)
    tap(section_header(page, 2))
    tap(section_header(page, 3))
    assert is_open(page, "section-therapy-applications")
    assert is_open(page, "section-mechanisms-and-neurobiology")
    topic = GUIDE.sections[1].topics[2]
    tap(page.locator(f"#topic-{topic.slug}-heading"))
    assert is_shown(page.get_by_text(topic.overview.text))
    tap(page.locator(f"#topic-{topic.slug}-heading"))
    assert not is_shown(page.get_by_text(topic.overview.text))
    tap(section_header(page, 2))
    assert not is_open(page, "section-therapy-applications")
    assert is_open(page, "section-mechanisms-and-neurobiology")


def test_show_all_opens_every_section_and_hide_all_closes_them(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    wait_for_app(page)
    page.get_by_role("button", name="Show all sections").click()
    assert all(is_open(page, f"section-{s.slug}") for s in GUIDE.sections)
    page.get_by_role("button", name="Hide all sections").click()
    assert not any(is_open(page, f"section-{s.slug}") for s in GUIDE.sections)
    expect(page.get_by_role("button", name="Show all sections")).to_be_visible()


def test_a_text_fragment_link_reveals_a_collapsed_overview(page: Page, site: Site) -> None:
    topic = GUIDE.sections[2].topics[1]
    page.goto(site.url + "/#:~:text=" + "enhanced%20neuroplasticity")
    page.wait_for_function(f"() => document.getElementById('topic-{topic.slug}').open")
    assert is_open(page, f"section-{GUIDE.sections[2].slug}")
    assert is_shown(page.get_by_text(topic.overview.text))


def test_find_in_page_can_reach_collapsed_text(page: Page, site: Site) -> None:
    """Chromium's text finder (find-in-page, and `#:~:text=` links) opens the closed sections it finds text in."""
    topic = GUIDE.topics[-1]
    words = " ".join(topic.overview.text.split()[:6])
    page.goto(site.url + "/")
    wait_for_app(page)
    overview = page.get_by_text(topic.overview.text)
    assert not is_shown(overview)
    page.goto("about:blank")
    page.goto(site.url + "/#:~:text=" + urllib.parse.quote(words))
    wait_for_app(page)
    expect(overview).to_be_in_viewport()
    assert is_open(page, f"topic-{topic.slug}")
    assert is_shown(overview)


def test_printing_shows_every_section_and_topic(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    page.emulate_media(media="print")
    for topic in GUIDE.topics:
        assert is_shown(page.get_by_text(topic.overview.text)), topic.slug
    for faq in GUIDE.faqs:
        assert is_shown(page.get_by_text(faq.answer.text)), faq.slug


def test_keyboard_tab_enter_space_arrows_home_end(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    wait_for_app(page)
    first = section_header(page, 1)
    for _ in range(6):
        page.keyboard.press("Tab")
        if first.evaluate("(el) => el === document.activeElement"):
            break
    expect(first).to_be_focused()
    assert first.evaluate("(el) => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none'")
    page.keyboard.press("Enter")
    assert is_open(page, f"section-{GUIDE.sections[0].slug}")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#topic-{GUIDE.topics[0].slug}-heading")).to_be_focused()
    page.keyboard.press(" ")
    assert is_open(page, f"topic-{GUIDE.topics[0].slug}")
    page.keyboard.press(" ")
    assert not is_open(page, f"topic-{GUIDE.topics[0].slug}")
    page.keyboard.press("End")
    expect(section_header(page, 5)).to_be_focused()
    page.keyboard.press("Home")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(section_header(page, 5)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    assert not is_open(page, f"section-{GUIDE.sections[0].slug}")


@pytest.mark.parametrize("text_zoom", ["100%", "200%"])
def test_nothing_scrolls_sideways_at_320_px(page: Page, site: Site, text_zoom: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site.url + "/")
    wait_for_app(page)
    page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{text_zoom}'; }}")
    open_everything(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("path", ["/", f"/topics/{GUIDE.topics[0].slug}", "/?s=ketamine"])
def test_tap_targets_are_at_least_44_px_and_text_at_least_16_px(page: Page, site: Site, path: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site.url + path)
    open_everything(page)
    # The guide's name in the line that says where a topic is, is a link inside that line of text (WCAG 2.5.8's
    # inline exception), as a link at the end of a sentence in a paragraph is: whether it fits on one line (and is
    # then 20 px high) depends only on the fonts.
    small = page.evaluate(
        """() => [...document.querySelectorAll('summary, button, input, a')]
            .filter((el) => el.checkVisibility() && !el.classList.contains('skip'))
            .filter((el) => !el.matches('.trail > a:not(.to-search)'))
            .filter((el) => !(el.matches('p > a') && el.parentElement.textContent.trim() !== el.textContent.trim()))
            .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)"""
    )
    assert small == []
    tiny_text = page.evaluate(
        """() => [...document.querySelectorAll('p, li, summary, label, input')]
            .filter((el) => el.checkVisibility() && parseFloat(getComputedStyle(el).fontSize) < 16)
            .map((el) => el.textContent.slice(0, 30))"""
    )
    assert tiny_text == []


def test_dark_mode_follows_the_system(page: Page, site: Site) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site.url + "/")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 20, 23)"
    open_everything(page)
    assert axe_violations(page) == []


def test_reduced_motion_turns_animation_off(page: Page, site: Site) -> None:
    for motion, expected in (("no-preference", "0.15s"), ("reduce", "0s")):
        page.emulate_media(reduced_motion=motion)  # type: ignore[arg-type]
        page.goto(site.url + "/")
        duration = section_header(page, 1).evaluate("(el) => getComputedStyle(el, '::before').transitionDuration")
        assert duration == expected, motion


@pytest.mark.parametrize("state", ["closed", "open"])
def test_axe_finds_no_violations(page: Page, site: Site, state: str) -> None:
    page.goto(site.url + "/")
    wait_for_app(page)
    if state == "open":
        open_everything(page)
    assert axe_violations(page) == []


def test_the_page_logs_no_errors(page: Page, site: Site) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text) if message.type == "error" else None)
    page.goto(site.url + "/")
    wait_for_app(page)
    settled(page)
    assert [m for m in messages if not re.search(r"_event|websocket", m, re.IGNORECASE)] == []


@pytest.mark.own_context
@pytest.mark.parametrize("path", ["/", "/topics/nmda-receptors", "/?q=side+effects"])
def test_the_app_takes_over_the_served_page_without_redrawing_it(page: Page, site: Site, path: str) -> None:
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => { window.servedMain = document.querySelector('main'); })"
    )
    page.goto(site.url + path)
    wait_for_app(page)
    settled(page)
    assert page.evaluate("() => window.servedMain.isConnected")
    assert page.evaluate("() => document.querySelectorAll('main, h1').length") == 2
    assert page.evaluate("() => document.querySelectorAll('script[type=\"application/ld+json\"]').length") == 1


@pytest.mark.own_context
def test_nothing_is_fetched_before_the_first_paint_then_the_page_script_and_after_load_the_app(
    page: Page, site: Site
) -> None:
    """The text paints as a static page's would; the page script (keys, show all, sharing) comes next, the app last."""
    page.add_init_script("window.addEventListener('load', () => { window.loadedAt = performance.now(); });")
    page.goto(site.url + "/")
    wait_for_app(page)
    fetched = page.evaluate(
        """() => performance.getEntriesByType('resource')
            .map((r) => [new URL(r.name).pathname, r.startTime, r.responseEnd])"""
    )
    painted = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
    loaded = page.evaluate("() => window.loadedAt")
    scripts = [(path, start, end) for path, start, end in fetched if path.endswith(".js")]
    assert [(path, start, painted) for path, start, _ in fetched if start < painted] == []
    assert len(scripts) > 5
    first, *app = sorted(scripts, key=lambda script: script[1])
    assert re.fullmatch(r"/assets/page-[0-9a-f]{10}\.js", first[0])
    assert all(start >= max(first[2], loaded) for _, start, _ in app)


@pytest.mark.parametrize(("javascript", "path"), [(False, "/topics/nmda-receptors"), (True, "/")])
def test_the_skip_link_jumps_to_the_guide_on_the_same_page(
    browser: Browser, site: Site, javascript: bool, path: str
) -> None:
    context = new_phone_context(browser, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site.url + path)
    if javascript:
        wait_for_app(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the guide")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url + path + "#guide")
    close(context)


@pytest.mark.own_context  # the init script removes an API from every tab of its context
def test_arrows_skip_closed_headers_in_a_browser_without_check_visibility(page: Page, site: Site) -> None:
    """Safari before 17.4 has no `checkVisibility()`: Chromium without it moves between the same headers."""
    page.add_init_script("delete Element.prototype.checkVisibility;")
    page.goto(site.url + "/")
    wait_for_app(page)
    assert page.evaluate("() => Element.prototype.checkVisibility === undefined")
    section_header(page, 1).focus()
    page.keyboard.press("ArrowDown")
    expect(section_header(page, 2)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#topic-{GUIDE.topics[0].slug}-heading")).to_be_focused()
    page.keyboard.press("End")
    expect(section_header(page, 5)).to_be_focused()
    page.keyboard.press("Home")
    expect(section_header(page, 1)).to_be_focused()
