"""Specification of the export on Netlify's local emulator (`netlify dev`): pages, 404s and the headers it applies.

`netlify dev` lets its static server's `Cache-Control: public, max-age=0` win over `_headers` and never compresses
(netlify/cli#990); Netlify itself applies both. The tests check every other header, and that it does just that.
"""

from __future__ import annotations

import pytest

from ketaguide_app import headers
from ketaguide_app.export.site import stated_policy
from ketaguide_app.offline.build import listed_in_service_worker
from tests.exported import Site
from tests.fixture_guides import GUIDE
from tests.served.test_headers import KINDS, served_paths

NETLIFY_DEV_CACHE = "public, max-age=0"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_file_gets_every_defined_header_but_caching_on_netlify_dev(netlify_site: Site, kind: str) -> None:
    address, file = served_paths(netlify_site.folder)[kind]
    status, sent, _ = netlify_site.request("GET", address)
    assert status == (404 if file == "/404.html" else 200)
    expected = headers.response_headers(file, stated_policy(netlify_site.folder), https=True)
    expected["Cache-Control"] = NETLIFY_DEV_CACHE
    for name, value in expected.items():
        assert sent.get_all(name) == [value], f"{address}: {name}"
    assert sent.get("Access-Control-Allow-Origin") is None, address


def test_netlify_dev_sends_pages_uncompressed(netlify_site: Site) -> None:
    """Not Netlify's behaviour: the emulator never compresses, so this states what the tests could not check."""
    _, sent, body = netlify_site.request("GET", "/", {"Accept-Encoding": "br, gzip"})
    assert sent.get("Content-Encoding") is None
    assert body == (netlify_site.folder / "index.html").read_bytes()


@pytest.mark.parametrize("topic", [t.slug for t in GUIDE.topics])
def test_a_topic_link_is_answered_without_a_redirect_on_netlify_dev(netlify_site: Site, topic: str) -> None:
    status, _, body = netlify_site.request("GET", f"/topics/{topic}")
    assert status == 200
    assert f'id="topic-{topic}"' in body.decode()


def test_every_address_the_offline_copy_keeps_is_answered_200_without_a_redirect_on_netlify_dev(
    netlify_site: Site,
) -> None:
    for address in listed_in_service_worker(netlify_site.folder)["files"]:
        status, sent, _ = netlify_site.request("GET", address)
        assert (status, sent.get("Location")) == (200, None), address


def test_an_unknown_page_gets_the_404_page_on_netlify_dev(netlify_site: Site) -> None:
    status, _, body = netlify_site.request("GET", "/topics/no-such-topic")
    assert status == 404
    assert body == (netlify_site.folder / "404.html").read_bytes()
