"""Specification of compression as a browser sees it: every file that has a Brotli copy arrives as Brotli."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.exported import Site
from tests.fixture_guides import GUIDE


def test_a_browser_gets_the_brotli_copy_of_every_file_that_has_one(browser: Browser, any_site: Site) -> None:
    context = new_phone_context(browser)
    page = context.new_page()
    encodings: dict[str, str | None] = {}
    page.on("response", lambda response: encodings.update({response.url: response.headers.get("content-encoding")}))
    for path in ("/", f"/topics/{GUIDE.topics[0].slug}", "/?q=addiction", f"/topics/{GUIDE.topics[-1].slug}"):
        page.goto(any_site.url + path)
        wait_for_app(page)
        page.evaluate("() => Promise.all(['/sitemap.xml', '/manifest.json'].map((file) => fetch(file)))")
    compressed = {url: encoding for url, encoding in encodings.items() if brotli_copy_of(any_site, url).is_file()}
    assert len(compressed) > 10
    assert {url: encoding for url, encoding in compressed.items() if encoding != "br"} == {}
    close(context)


def brotli_copy_of(site: Site, url: str) -> Path:
    """Where the Brotli copy of the file a URL is answered with would be in the exported folder."""
    file = site.folder / (urllib.parse.urlsplit(url).path.lstrip("/") or "index.html")
    if not file.suffix:
        file = file.with_name(file.name + ".html")
    return file.with_name(file.name + ".br")
