"""Specification of hostile requests: a clean 4xx (or the 404 page), never a 5xx, never a byte from outside the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaguide_app.export.header_rules import CADDY_FILE
from tests.exported import Site

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = {
    "pyproject.toml": (ROOT / "pyproject.toml").read_bytes()[:40],
    "content": (ROOT / "content" / "guide.md").read_bytes()[:40],
    "passwd": Path("/etc/passwd").read_bytes()[:16],
}
TRAVERSALS = [
    "/../../../../etc/passwd",
    "/topics/../../pyproject.toml",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fpyproject.toml",
    "/..%5c..%5cpyproject.toml",
    "/..\\..\\pyproject.toml",
    "/%252e%252e%252fpyproject.toml",
    "/topics/%2e%2e%2f%2e%2e%2fcontent/guide.md",
]
OUTSIDE_FILES = ["/pyproject.toml", "/content/guide.md", "/.web/build/client/index.html", "/.git/config", "/%00"]
SERVER_FILES = [f"/{CADDY_FILE}", "/_headers", "/_headers.nginx", "/.nojekyll"]
HOSTILE: dict[str, tuple[str, str, dict[str, str]]] = {
    **{f"traversal {path}": ("GET", path, {}) for path in TRAVERSALS},
    **{f"outside file {path}": ("GET", path, {}) for path in OUTSIDE_FILES},
    **{f"server file {path}": ("GET", path, {}) for path in SERVER_FILES},
    "10 KB path": ("GET", "/" + "a" * 10_000, {}),
    "100 KB header": ("GET", "/", {"X-Padding": "a" * 100_000}),
    "POST": ("POST", "/", {"Content-Length": "0"}),
    "PUT": ("PUT", "/topics/new", {"Content-Length": "0"}),
    "DELETE": ("DELETE", "/index.html", {}),
    "bad Host": ("GET", "/", {"Host": "bad host/../x"}),
    "empty Host": ("GET", "/", {"Host": ""}),
}
RANGES = ["bytes=abc", "bytes=99999999-", "bytes=5-1", "pages=1-2", "bytes=" + ",".join(f"{i}-{i}" for i in range(500))]


def answer(site: Site, method: str, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """Send the request as it is and return the status and body."""
    status, _, body = site.request(method, path, headers)
    assert status < 500, f"{site.name}: {method} {path[:60]} answered {status}"
    for name, secret in OUTSIDE.items():
        assert secret not in body, f"{site.name}: {method} {path[:60]} sent bytes of {name}"
    return status, body


@pytest.mark.parametrize("request_", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_request_gets_a_4xx_or_the_404_page(
    any_site: Site, request_: tuple[str, str, dict[str, str]]
) -> None:
    status, body = answer(any_site, *request_)
    assert 400 <= status < 500
    if status == 404:
        assert b"Page not found" in body


@pytest.mark.parametrize("value", RANGES)
def test_a_malformed_range_is_refused_or_ignored(any_site: Site, value: str) -> None:
    status, body = answer(any_site, "GET", "/", {"Range": value})
    _, _, whole = any_site.request("GET", "/")
    assert status in {200, 206, 416}
    assert status != 200 or body == whole
