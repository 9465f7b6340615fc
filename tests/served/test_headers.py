"""Specification of response headers: what `headers.py` defines is what every server and `_headers` send."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from ketaguide_app import headers
from ketaguide_app.export.header_rules import STATIC_HOST_FILE
from ketaguide_app.export.site import stated_policy
from tests.exported import Site
from tests.fixture_guides import GUIDE

OBSERVATORY = Path(__file__).resolve().parents[1] / "observatory"
# The Observatory's tests that can pass without HTTPS (the others: redirection to HTTPS and HSTS).
PLAIN_HTTP_TESTS = (
    "content-security-policy",
    "cookies",
    "cross-origin-resource-sharing",
    "referrer-policy",
    "subresource-integrity",
    "x-content-type-options",
    "x-frame-options",
    "cross-origin-resource-policy",
)


def hashed_asset(folder: Path) -> str:
    """The address of one content-hashed script of the export."""
    return "/" + next(folder.glob("assets/entry.client-*.js")).relative_to(folder).as_posix()


def served_paths(folder: Path) -> dict[str, tuple[str, str]]:
    """One address of each kind, and the file whose rules apply to it (a missing file gets the 404 page)."""
    topic = GUIDE.topics[0].slug
    asset = hashed_asset(folder)
    card = "/" + next(folder.glob("assets/cards/*.png")).relative_to(folder).as_posix()
    return {
        "home": ("/", "/index.html"),
        "topic": (f"/topics/{topic}", f"/topics/{topic}.html"),
        "filtered home": ("/?q=side+effects", "/index.html"),
        "hashed script": (asset, asset),
        "sitemap": ("/sitemap.xml", "/sitemap.xml"),
        "robots.txt": ("/robots.txt", "/robots.txt"),
        "icon": ("/favicon.svg", "/favicon.svg"),
        "link-preview card": (card, card),
        "app icon": ("/icon-512.png", "/icon-512.png"),
        "manifest": ("/manifest.json", "/manifest.json"),
        "service worker": ("/sw.js", "/sw.js"),
        "unknown page": ("/topics/no-such-topic", "/404.html"),
        "missing asset": ("/assets/no-such-file.js", "/404.html"),
    }


KINDS = [
    "home",
    "topic",
    "filtered home",
    "hashed script",
    "sitemap",
    "robots.txt",
    "icon",
    "link-preview card",
    "app icon",
    "manifest",
    "service worker",
    "unknown page",
    "missing asset",
]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_file_gets_exactly_the_defined_headers(any_site: Site, kind: str) -> None:
    address, file = served_paths(any_site.folder)[kind]
    status, sent, _ = any_site.request("GET", address)
    assert status == (404 if file == "/404.html" else 200)
    expected = headers.response_headers(file, stated_policy(any_site.folder), https=any_site.server.https)
    for name, value in expected.items():
        assert sent.get_all(name) == [value], f"{any_site.name} {address}: {name}"
    if not any_site.server.https:
        assert sent.get("Strict-Transport-Security") is None


def test_the_static_host_rules_give_each_path_the_same_headers(exported_site: Path) -> None:
    rules = parse_static_host_rules((exported_site / STATIC_HOST_FILE).read_text(encoding="utf-8"))
    csp = stated_policy(exported_site)
    # A static host answers a missing file with its own 404 handling, which `_headers` does not describe.
    kinds = {kind: where for kind, where in served_paths(exported_site).items() if kind != "missing asset"}
    for address, file in kinds.values():
        path = urllib.parse.urlsplit(address).path
        assert headers_for(rules, path) == headers.response_headers(file, csp, https=True), address


def parse_static_host_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """`_headers` as Netlify and Cloudflare Pages read it: a path pattern, then its indented headers."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line.strip(), {}))
        elif not line.strip().startswith("! "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def detached_headers(text: str) -> dict[str, list[str]]:
    """The headers each pattern of `_headers` detaches (`! Name`, Cloudflare Pages' way to remove its own)."""
    detached: dict[str, list[str]] = {}
    pattern = ""
    for line in text.splitlines():
        if line.strip() and not line.startswith(("#", " ")):
            pattern = line.strip()
        elif line.strip().startswith("! "):
            detached.setdefault(pattern, []).append(line.strip().removeprefix("! "))
    return detached


def test_the_static_host_rules_remove_cloudflares_cross_origin_header(exported_site: Path) -> None:
    text = (exported_site / STATIC_HOST_FILE).read_text(encoding="utf-8")
    assert detached_headers(text) == {"/*": ["Access-Control-Allow-Origin"]}


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """Every rule whose pattern matches the path applies; no header may be set by two of them."""
    applied: dict[str, str] = {}
    for pattern, rule in rules:
        if fnmatch.fnmatchcase(path, pattern):
            assert not set(applied) & set(rule), f"{pattern} sets a header again for {path}"
            applied |= rule
    return applied


@pytest.mark.parametrize("address", ["/", f"/topics/{GUIDE.topics[0].slug}", "/sitemap.xml", "/robots.txt"])
@pytest.mark.parametrize("validator", [("ETag", "If-None-Match"), ("Last-Modified", "If-Modified-Since")])
def test_a_revalidated_file_answers_304_when_unchanged(
    any_site: Site, address: str, validator: tuple[str, str]
) -> None:
    sent_as, asked_as = validator
    status, sent, _ = any_site.request("GET", address, {"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert sent["Cache-Control"] == headers.CACHE_REVALIDATE
    status, _, body = any_site.request("GET", address, {"Accept-Encoding": "br, gzip", asked_as: sent[sent_as]})
    assert status == 304
    assert body == b""


def test_hashed_assets_are_kept_for_a_year(any_site: Site) -> None:
    status, sent, _ = any_site.request("GET", hashed_asset(any_site.folder))
    assert status == 200
    assert sent["Cache-Control"] == "public, max-age=31536000, immutable"


def grade(site: Site) -> dict:
    """The MDN HTTP Observatory's verdict on the server, from its own code run locally."""
    address = urllib.parse.urlsplit(site.url)
    http_port = urllib.parse.urlsplit(site.server.http_url or site.url).port
    env = os.environ | ({"NODE_EXTRA_CA_CERTS": str(site.server.ca)} if site.server.ca else {})
    if not (OBSERVATORY / "node_modules").is_dir():
        pytest.fail(f"the Observatory is not installed in {OBSERVATORY}: `make test` installs it")
    command = [
        str(Path(sys.executable).parent / "node"),
        "grade.mjs",
        str(address.hostname),
        str(http_port),
        str(address.port),
    ]
    result = subprocess.run(command, cwd=OBSERVATORY, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("server", ["caddy_https_site", "nginx_site"])
def test_the_shipped_production_configs_score_a_plus_over_https(request: pytest.FixtureRequest, server: str) -> None:
    verdict = grade(request.getfixturevalue(server))
    failed = {name: test["result"] for name, test in verdict["tests"].items() if not test["pass"]}
    assert failed == {}
    assert verdict["tests"]["redirection"]["result"] == "redirection-to-https"
    assert verdict["grade"] == "A+", verdict


def test_make_run_passes_every_observatory_test_that_does_not_need_https(site: Site) -> None:
    verdict = grade(site)
    assert {
        name: verdict["tests"][name]["result"] for name in PLAIN_HTTP_TESTS if not verdict["tests"][name]["pass"]
    } == {}
    assert verdict["tests"]["content-security-policy"]["result"] == "csp-implemented-with-no-unsafe-default-src-none"
