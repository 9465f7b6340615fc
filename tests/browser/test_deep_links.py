"""Specification of topic links: their own page and preview, the address bar, sharing, 404, sitemap, JSON-LD."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from ketaguide_app.dom import SHARE_STATUS
from ketaguide_app.wording import WORDING
from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import HeldAppStart, settled, tap
from tests.exported import Site
from tests.fixture_guides import GUIDE


def test_a_topic_is_in_view_before_the_app_starts_and_a_reader_who_scrolls_is_left_alone(
    page: Page, any_site: Site
) -> None:
    held = HeldAppStart(page)
    page.goto(any_site.url + "/topics/dosage-and-individualization", wait_until="domcontentloaded")
    heading = page.locator("#topic-dosage-and-individualization-heading")
    expect(heading).to_be_in_viewport()
    page.evaluate("() => window.scrollTo(0, 0)")
    assert not page.evaluate("() => document.documentElement.hasAttribute('data-app-started')")
    held.release()
    wait_for_app(page)
    settled(page)
    assert page.evaluate("() => window.scrollY") == 0
    expect(heading).to_be_focused()


def test_a_reload_keeps_the_readers_place_and_a_new_link_still_opens_on_its_topic(page: Page, any_site: Site) -> None:
    address = any_site.url + "/topics/nmda-receptors"
    page.goto(address)
    wait_for_app(page)
    settled(page)
    page.evaluate("() => window.scrollBy(0, 300)")
    settled(page)
    place = page.evaluate("() => window.scrollY")
    page.reload()
    wait_for_app(page)
    settled(page)
    assert page.evaluate("() => window.scrollY") == place
    page.goto(address)
    wait_for_app(page)
    settled(page)
    expect(page.locator("#topic-nmda-receptors-heading")).to_be_in_viewport()


def test_opening_a_topic_puts_its_url_in_the_address_bar_without_history_entries(page: Page, any_site: Site) -> None:
    page.goto(any_site.url + "/")
    wait_for_app(page)
    history = page.evaluate("() => history.length")
    tap(page.locator("#section-mechanisms-and-neurobiology-heading"))
    tap(page.locator("#topic-nmda-receptors-heading"))
    expect(page).to_have_url(any_site.url + "/topics/nmda-receptors")
    tap(page.locator("#topic-glutamate-pathways-heading"))
    expect(page).to_have_url(any_site.url + "/topics/glutamate-pathways")
    tap(page.locator("#topic-glutamate-pathways-heading"))
    expect(page).to_have_url(any_site.url + "/")
    assert page.evaluate("() => history.length") == history


def test_back_and_forward_behave(page: Page, any_site: Site) -> None:
    page.goto(any_site.url + "/")
    page.goto(any_site.url + "/topics/what-is-ketamine")
    wait_for_app(page)
    tap(page.locator("#section-safety-and-future-research-heading"))
    tap(page.locator("#topic-safety-profile-heading"))
    expect(page).to_have_url(any_site.url + "/topics/safety-profile")
    page.go_back()
    expect(page).to_have_url(any_site.url + "/")
    page.go_forward()
    expect(page).to_have_url(any_site.url + "/topics/safety-profile")
    expect(page.get_by_role("heading", name=GUIDE.title)).to_be_visible()


def test_share_copies_the_topic_link_and_confirms_it(browser: Browser, any_site: Site) -> None:
    context = new_phone_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(any_site.url + "/topics/managing-ptsd")
    wait_for_app(page)
    assert page.evaluate("() => navigator.share === undefined")
    page.get_by_role("button", name=WORDING.share_topic.format(title="Managing PTSD"), exact=True).click()
    status = page.locator(f"#{SHARE_STATUS}")
    expect(status).to_have_text("Link to “Managing PTSD” copied")
    expect(status).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == any_site.url + "/topics/managing-ptsd"
    close(context)


def test_share_uses_the_phones_share_sheet_when_there_is_one(page: Page, any_site: Site) -> None:
    page.add_init_script("navigator.share = async (data) => { window.sharedData = data; };")
    page.goto(any_site.url + "/")
    wait_for_app(page)
    tap(page.locator("#section-ketamine-basics-heading"))
    tap(page.locator("#topic-what-is-ketamine-heading"))
    page.get_by_role("button", name=WORDING.share_topic.format(title="What Is Ketamine?"), exact=True).click()
    page.wait_for_function("() => window.sharedData !== undefined")
    shared = page.evaluate("() => window.sharedData")
    assert shared == {"title": "What Is Ketamine?", "url": any_site.url + "/topics/what-is-ketamine"}


def test_the_404_page_is_plain_html_whose_links_open_topics(page: Page, any_site: Site) -> None:
    page.goto(any_site.url + "/topics/no-such-topic")
    expect(page.get_by_role("heading", name="Page not found")).to_have_count(1)
    expect(page.locator("script")).to_have_count(0)
    page.get_by_role("link", name=GUIDE.topics[6].title).click()
    expect(page).to_have_url(any_site.url + "/topics/nmda-receptors")
    expect(page.locator("#topic-nmda-receptors-heading")).to_be_focused()


@pytest.mark.parametrize(
    "fragment", ["#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "#%E0%A4%A", "#faq-side-effects%22%3E%3Cb%3E", "#guide"]
)
def test_a_hostile_or_broken_fragment_changes_nothing(page: Page, site: Site, fragment: str) -> None:
    """A fragment never reaches the server: one server is enough."""
    page.goto(site.url + "/" + fragment)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=GUIDE.title)).to_be_visible()
    expect(page.locator("main img, main b")).to_have_count(0)
    assert page.eval_on_selector_all("details[open]", "(ds) => ds.length") == 0
