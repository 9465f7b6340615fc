"""Specification of the content security policy in a real browser: the whole site runs under it, and it bites."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from ketaguide_app.dom import SEARCH_RESULTS, SHARE_STATUS
from ketaguide_app.wording import WORDING
from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import is_shown, section_header
from tests.exported import Site
from tests.fixture_guides import GUIDE


def visit(page: Page, url: str) -> None:
    """Open a guide page and wait for the app to start on it."""
    page.goto(url)
    wait_for_app(page)


def test_every_page_and_interaction_runs_without_a_violation_or_console_error(browser: Browser, any_site: Site) -> None:
    context = new_phone_context(browser, permissions=["clipboard-read", "clipboard-write"], service_workers="allow")
    page = context.new_page()
    for topic in GUIDE.topics:
        visit(page, f"{any_site.url}/topics/{topic.slug}")
    visit(page, f"{any_site.url}/?q=side+effects")
    page.goto(f"{any_site.url}/topics/no-such-topic")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    visit(page, f"{any_site.url}/")
    page.get_by_role("button", name="Show all sections").click()
    page.get_by_role("button", name="Hide all sections").click()
    section_header(page, 1).focus()
    for key in ("Enter", "ArrowDown", "Space", "End", "Home", "Enter"):
        page.keyboard.press(key)
    search = page.get_by_role("searchbox", name=WORDING.faq_search_label)
    search.fill("side effects")
    search.press("Escape")
    search.fill("xyzzy")
    page.get_by_role("button", name="Clear the search").click()
    guide_search = page.get_by_role("searchbox", name=WORDING.search_label)
    guide_search.fill("sde effects")
    page.get_by_role("link", name="side effects", exact=True).click()
    page.locator(f"#{SEARCH_RESULTS} li a").first.click()
    page.wait_for_url("**/?s=side*")
    wait_for_app(page)
    guide_search.press("Escape")
    topic = GUIDE.topics[0]
    visit(page, f"{any_site.url}/topics/{topic.slug}")
    page.get_by_role("button", name=WORDING.share_topic.format(title=topic.title), exact=True).click()
    expect(page.locator(f"#{SHARE_STATUS}")).not_to_be_empty()
    page.emulate_media(media="print")
    assert is_shown(page.get_by_text(GUIDE.topics[-1].overview.text))
    close(context)


def test_the_policy_blocks_a_script_it_does_not_know(browser: Browser, any_site: Site) -> None:
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    visit(page, f"{any_site.url}/")
    blocked = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), {once: true});
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        })"""
    )
    assert blocked == "script-src-elem"
    assert page.evaluate("() => window.injected") is None
    context.close()


def test_no_other_site_can_frame_a_page(browser: Browser, any_site: Site) -> None:
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.set_content(f'<iframe src="{any_site.url}/"></iframe>')
    frame = page.frames[1]
    frame.wait_for_load_state()
    assert GUIDE.title not in page.frames[1].content()
    context.close()


def test_the_styles_for_readers_without_javascript_are_allowed_by_the_policy(page: Page, any_site: Site) -> None:
    # Chromium's switch for JavaScript does not make its parser read <noscript>, so the same style is added here.
    visit(page, f"{any_site.url}/")
    page.evaluate(
        """() => {
            const style = document.createElement("style");
            const held = [...document.querySelectorAll("noscript")].find((n) => n.textContent.includes("<style>"));
            style.textContent = held.textContent.replace(/<\\/?style>/g, "");
            document.head.append(style);
        }"""
    )
    assert not is_shown(page.locator(".toolbar"))
