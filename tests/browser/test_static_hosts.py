"""Specification of reading on static hosts' own runtimes (wrangler pages dev, netlify dev): offline copy, FAQ, 404."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from ketaguide_app.wording import WORDING
from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import questions_matching
from tests.browser.test_offline import status, visit_and_save
from tests.exported import Site
from tests.fixture_guides import GUIDE


@pytest.fixture
def reader(browser: Browser) -> Iterator[tuple[BrowserContext, Page]]:
    """A reader's phone that may keep the offline copy."""
    context = new_phone_context(browser, service_workers="allow")
    yield context, context.new_page()
    close(context)


def test_the_offline_copy_installs_on_cloudflare_and_every_page_opens_offline(
    reader: tuple[BrowserContext, Page], cloudflare_site: Site
) -> None:
    context, page = reader
    visit_and_save(page, f"{cloudflare_site.url}/")
    context.set_offline(True)
    expect(status(page)).to_have_text(WORDING.offline_now_saved)
    topic = GUIDE.topics[-1]
    page.goto(f"{cloudflare_site.url}/topics/{topic.slug}")
    expect(page.get_by_text(topic.overview.text)).to_be_visible()
    response = page.goto(f"{cloudflare_site.url}/topics/no-such-topic")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name=WORDING.not_found_title)).to_be_visible()


def test_the_faq_filter_works_on_cloudflare(page: Page, cloudflare_site: Site) -> None:
    page.goto(f"{cloudflare_site.url}/?q=addiction")
    wait_for_app(page)
    shown = len(questions_matching("addiction"))
    expect(page.locator("#faq-count")).to_have_text(f"{shown} of {len(GUIDE.faqs)} questions")
    page.get_by_role("searchbox", name=WORDING.faq_search_label).fill("side effects")
    shown = len(questions_matching("side effects"))
    expect(page.locator("#faq-count")).to_have_text(f"{shown} of {len(GUIDE.faqs)} questions")


def test_the_404_page_on_cloudflare_links_to_the_topics(page: Page, cloudflare_site: Site) -> None:
    response = page.goto(f"{cloudflare_site.url}/topics/no-such-topic")
    assert response is not None
    assert response.status == 404
    page.get_by_role("link", name=GUIDE.topics[6].title).click()
    expect(page).to_have_url(f"{cloudflare_site.url}/topics/{GUIDE.topics[6].slug}")


def test_the_offline_copy_installs_on_netlify_dev_and_pages_open_offline(
    reader: tuple[BrowserContext, Page], netlify_site: Site
) -> None:
    """Netlify's emulator, not Netlify: its caching and compression differ (see tests/served/test_netlify_dev.py)."""
    context, page = reader
    visit_and_save(page, f"{netlify_site.url}/")
    context.set_offline(True)
    topic = GUIDE.topics[2]
    page.goto(f"{netlify_site.url}/topics/{topic.slug}")
    expect(page.get_by_text(topic.overview.text)).to_be_visible()
    response = page.goto(f"{netlify_site.url}/topics/no-such-topic")
    assert response is not None
    assert response.status == 404
