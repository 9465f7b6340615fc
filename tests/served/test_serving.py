"""Specification of how pages travel: one request per topic link, compressed for every browser."""

from __future__ import annotations

import gzip

import httpx
import pytest

from tests.exported import Site
from tests.fixture_guides import GUIDE


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


def test_every_request_on_one_http2_connection_gets_the_brotli_copy(nginx_site: Site) -> None:
    files = ["/", f"/topics/{GUIDE.topics[0].slug}", "/sitemap.xml", "/", "/manifest.json", "/sitemap.xml", "/"]
    context = nginx_site.server.ssl_context()
    assert context is not None
    with httpx.Client(http2=True, verify=context, headers={"Accept-Encoding": "br, gzip"}) as client:
        sent = [client.get(nginx_site.url + path) for path in files]
    assert {response.http_version for response in sent} == {"HTTP/2"}
    assert [response.headers.get("content-encoding") for response in sent] == ["br"] * len(files)
