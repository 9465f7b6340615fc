"""Specification of the export on Cloudflare Pages' own runtime (`wrangler pages dev`): pages, 404s, headers.

What this runtime does on its own, and the tests expect of it: it compresses by itself, answers a missing file
with `Cache-Control: no-store` (not `_headers`' rule for the path), validates with an ETag only, and sends
`x-server-env: dev`, which the deployed Pages does not.
"""

from __future__ import annotations

import gzip

import pytest

from ketaguide_app import headers
from ketaguide_app.export.site import stated_policy
from ketaguide_app.offline.build import listed_in_service_worker
from tests.exported import Site
from tests.fixture_guides import GUIDE
from tests.served.test_headers import KINDS, served_paths

# Cloudflare Pages sets its own caching on the 404 page it answers for a missing file.
CLOUDFLARE_NOT_FOUND_CACHE = "no-store"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_file_gets_exactly_the_defined_headers_on_cloudflare(cloudflare_site: Site, kind: str) -> None:
    address, file = served_paths(cloudflare_site.folder)[kind]
    status, sent, _ = cloudflare_site.request("GET", address)
    missing = file == "/404.html"
    assert status == (404 if missing else 200)
    expected = headers.response_headers(file, stated_policy(cloudflare_site.folder), https=True)
    if missing:
        expected["Cache-Control"] = CLOUDFLARE_NOT_FOUND_CACHE
    for name, value in expected.items():
        assert sent.get_all(name) == [value], f"{address}: {name}"
    assert sent.get("Access-Control-Allow-Origin") is None, address


@pytest.mark.parametrize("topic", [t.slug for t in GUIDE.topics])
def test_a_topic_link_is_answered_without_a_redirect_on_cloudflare(cloudflare_site: Site, topic: str) -> None:
    status, _, body = cloudflare_site.request("GET", f"/topics/{topic}")
    assert status == 200
    assert f'id="topic-{topic}"' in body.decode()


def test_every_address_the_offline_copy_keeps_is_answered_200_without_a_redirect(cloudflare_site: Site) -> None:
    """The worker refuses a redirected answer: Cloudflare Pages redirects `x.html` to `x`, so none is listed."""
    for address in listed_in_service_worker(cloudflare_site.folder)["files"]:
        status, sent, _ = cloudflare_site.request("GET", address)
        assert (status, sent.get("Location")) == (200, None), address
    status, sent, _ = cloudflare_site.request("GET", "/404.html")
    assert (status, sent.get("Location")) == (308, "/404")


def test_an_unknown_page_gets_the_404_page_on_cloudflare(cloudflare_site: Site) -> None:
    status, _, body = cloudflare_site.request("GET", "/topics/no-such-topic")
    assert status == 404
    assert body == (cloudflare_site.folder / "404.html").read_bytes()


@pytest.mark.parametrize("address", ["/", f"/topics/{GUIDE.topics[0].slug}", "/sitemap.xml"])
def test_a_revalidated_file_answers_304_on_cloudflare_by_its_etag(cloudflare_site: Site, address: str) -> None:
    status, sent, _ = cloudflare_site.request("GET", address, {"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert sent["Cache-Control"] == headers.CACHE_REVALIDATE
    status, _, body = cloudflare_site.request(
        "GET", address, {"Accept-Encoding": "br, gzip", "If-None-Match": sent["ETag"]}
    )
    assert (status, body) == (304, b"")


def test_pages_travel_compressed_on_cloudflare(cloudflare_site: Site) -> None:
    _, _, plain = cloudflare_site.request("GET", "/", {"Accept-Encoding": "identity"})
    _, sent, gzipped = cloudflare_site.request("GET", "/", {"Accept-Encoding": "gzip"})
    assert sent["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped) == plain
    _, sent, _ = cloudflare_site.request("GET", "/", {"Accept-Encoding": "br, gzip"})
    assert sent["Content-Encoding"] == "br"
