"""Specification of what a reader costs the server once a page is served: nothing, whatever the reader does."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from ketaguide_app.dom import SHARE_STATUS
from ketaguide_app.wording import WORDING
from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import tap
from tests.exported import Site
from tests.fixture_guides import GUIDE


def requests_of(page: Page) -> list[str]:
    """Every request the page makes from now on, as `METHOD URL`."""
    made: list[str] = []
    page.on("request", lambda request: made.append(f"{request.method} {request.url}"))
    return made


def server_requests(page: Page) -> list[str]:
    """Every request from now on that goes to the network rather than the browser's cache, as `STATUS URL`."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    sent: list[str] = []
    cached = ("fromDiskCache", "fromMemoryCache", "fromPrefetchCache", "fromServiceWorker")

    def on_response(event: dict) -> None:
        response = event["response"]
        if not any(response.get(flag) for flag in cached):
            sent.append(f"{response['status']} {response['url']}")

    session.on("Network.responseReceived", on_response)
    session.on("Network.loadingFailed", lambda event: sent.append(f"failed {event['requestId']}"))
    session.on("Network.webSocketCreated", lambda event: sent.append(f"websocket {event['url']}"))
    return sent


def sleep_and_wake(context: BrowserContext, page: Page) -> None:
    """What a phone does to a background tab: hide it, freeze it, drop the network, then bring it all back."""
    session = context.new_cdp_session(page)
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    session.send("Page.setWebLifecycleState", {"state": "frozen"})
    context.set_offline(True)
    context.set_offline(False)
    session.send("Page.setWebLifecycleState", {"state": "active"})
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    session.detach()


def use_every_feature(page: Page) -> None:
    """Filter the questions, share a topic, open and close sections, move by keyboard."""
    search = page.get_by_role("searchbox", name=WORDING.faq_search_label)
    search.fill("side effects")
    search.fill("xyzzy")
    search.press("Escape")
    for _ in range(2):
        page.locator("button.show-all").click()
    topic = GUIDE.topics[0]
    for header in (f"#section-{GUIDE.sections[0].slug}", f"#topic-{topic.slug}"):
        if not page.eval_on_selector(header, "(details) => details.open"):
            tap(page.locator(f"{header}-heading"))
    page.get_by_role("button", name=WORDING.share_topic.format(title=topic.title), exact=True).click()
    expect(page.locator(f"#{SHARE_STATUS}")).not_to_be_empty()
    page.keyboard.press("End")


def file_of(site: Site, url: str) -> Path | None:
    """The file of the exported folder a same-site URL is answered with (pages by their clean URL)."""
    path = urllib.parse.urlsplit(url).path
    target = site.folder / (path.lstrip("/") or "index.html")
    return next((file for file in (target, target.with_name(target.name + ".html")) if file.is_file()), None)


def test_after_the_page_is_served_a_reader_asks_the_server_for_nothing(browser: Browser, site: Site) -> None:
    context = new_phone_context(browser, permissions=["clipboard-read", "clipboard-write"], service_workers="allow")
    page = context.new_page()
    loading = requests_of(page)
    page.goto(f"{site.url}/topics/{GUIDE.topics[-1].slug}")
    wait_for_app(page)
    expect(page.locator("#offline-status")).to_have_text(WORDING.offline_saved, timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert all(method == "GET" and file_of(site, url) for method, url in (r.split(" ", 1) for r in loading)), loading
    reading = server_requests(page)
    use_every_feature(page)
    sleep_and_wake(context, page)
    use_every_feature(page)
    page.wait_for_load_state("networkidle")
    assert reading == []
    close(context)


def snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    """Every file under the folders, with its size and modification time."""
    return {
        str(file): (file.stat().st_size, file.stat().st_mtime_ns)
        for folder in folders
        for file in folder.rglob("*")
        if file.is_file()
    }


def test_no_visit_leaves_a_file_on_the_server(browser: Browser, site: Site) -> None:
    server_files = site.server.log.parent
    before = snapshot(site.folder, server_files)
    for path in ("/", f"/topics/{GUIDE.topics[0].slug}", "/?q=addiction"):
        context = new_phone_context(browser, permissions=["clipboard-read", "clipboard-write"], service_workers="allow")
        page = context.new_page()
        page.goto(site.url + path)
        wait_for_app(page)
        use_every_feature(page)
        close(context)
    assert snapshot(site.folder, server_files) == before
