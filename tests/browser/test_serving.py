"""Specification of how pages travel: one request per topic link, compressed for every browser."""

from __future__ import annotations

import gzip
import urllib.parse
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Site, close, new_phone_context, wait_for_app
from tests.browser.helpers import GUIDE


def raw_get(any_site: Site, path: str, encoding: str = "identity") -> tuple[int, str | None, bytes]:
    """One GET, redirects not followed: status, content encoding and body as sent."""
    status, headers, body = any_site.request("GET", path, {"Accept-Encoding": encoding})
    return status, headers.get("Content-Encoding"), body


@pytest.mark.parametrize("topic", [t.slug for t in GUIDE.topics])
def test_a_topic_link_is_answered_without_a_redirect(any_site: Site, topic: str) -> None:
    status, _, body = raw_get(any_site, f"/topics/{topic}")
    assert status == 200
    assert f'id="topic-{topic}"' in body.decode()


@pytest.mark.parametrize("path", ["/", "/topics/nmda-receptors"])
def test_gzip_and_brotli_copies_are_served_and_match_the_page(any_site: Site, path: str) -> None:
    _, _, plain = raw_get(any_site, path)
    _, encoding, gzipped = raw_get(any_site, path, "gzip")
    assert encoding == "gzip"
    assert gzip.decompress(gzipped) == plain
    _, encoding, brotli = raw_get(any_site, path, "br, gzip")
    assert encoding == "br"
    assert len(brotli) < len(plain) / 3


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


def test_every_request_on_one_http2_connection_gets_the_brotli_copy(nginx_site: Site) -> None:
    files = ["/", f"/topics/{GUIDE.topics[0].slug}", "/sitemap.xml", "/", "/manifest.json", "/sitemap.xml", "/"]
    context = nginx_site.server.ssl_context()
    assert context is not None
    with httpx.Client(http2=True, verify=context, headers={"Accept-Encoding": "br, gzip"}) as client:
        sent = [client.get(nginx_site.url + path) for path in files]
    assert {response.http_version for response in sent} == {"HTTP/2"}
    assert [response.headers.get("content-encoding") for response in sent] == ["br"] * len(files)
