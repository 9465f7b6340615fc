"""The exported site as a test fixture: `make export` of the full fixture guide, behind `make run` and nginx.

Registered for every test folder by tests/conftest.py; tests with or without a browser request these fixtures.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from filelock import FileLock

from tests import servers
from tests.fixture_guides import FULL_GUIDE, RICH_GUIDE
from tests.servers import Server

PUBLIC_BASE_URL = "https://guide.example.org"


def text_of(served_html: str) -> str:
    """The text a reader (or crawler) gets from served HTML, without tags or comments."""
    without_scripts = re.sub(r"<script\b.*?</script>", " ", served_html, flags=re.DOTALL)
    return html.unescape(re.sub(r"<!--.*?-->|<[^>]+>", "", without_scripts))


@dataclass
class Site:
    """A server running the exported site: where it answers, what its pages name as their public address."""

    server: Server
    folder: Path
    public_url: str = PUBLIC_BASE_URL

    @property
    def url(self) -> str:
        """The address the tests reach it at."""
        return self.server.url

    @property
    def name(self) -> str:
        """Which server this is, for messages."""
        return self.server.name

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """One HTTP request sent as given (the path is not cleaned, redirects are not followed)."""
        address = urllib.parse.urlsplit(self.url)
        host = str(address.hostname)
        connection: http.client.HTTPConnection
        if self.server.https:
            context = self.server.ssl_context()
            connection = http.client.HTTPSConnection(host, address.port, timeout=30, context=context)
        else:
            connection = http.client.HTTPConnection(host, address.port, timeout=30)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, Message]:
        """A plain HTTP GET, as a crawler or a chat app's link preview makes it (no JavaScript).

        The response headers come as a case-insensitive mapping.
        """
        request = urllib.request.Request(self.url + path, headers={"User-Agent": "ketaguide-tests", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30, context=self.server.ssl_context()) as response:
                return response.status, response.read().decode("utf-8", "replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), error.headers


def export_once(tmp_path_factory: pytest.TempPathFactory, guide: Path) -> Path:
    """The site as `make export` writes it from a fixture guide, built once for every test worker."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the workers' common temporary folder
    work = shared / f"{guide.name}-guide-export"
    with FileLock(shared / f"{guide.name}-guide-export.lock"):
        if not (work / "complete").exists():
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            try:
                servers.export(work / "site", PUBLIC_BASE_URL, work / "export.log", guide, keep=work / "prerendered")
            except servers.ServerError as error:
                pytest.fail(str(error))
            (work / "complete").touch()
    return work / "site"


@pytest.fixture(scope="session")
def exported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site exported from the full fixture guide (the published guide, frozen)."""
    return export_once(tmp_path_factory, FULL_GUIDE)


@pytest.fixture(scope="session")
def prerendered(exported_site: Path) -> Path:
    """What Reflex made for the full fixture guide's export before the plugin changed it."""
    return exported_site.parent / "prerendered"


@pytest.fixture(scope="session")
def rich_exported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site exported from the rich fixture guide: every Markdown construct an editor may use."""
    return export_once(tmp_path_factory, RICH_GUIDE)


def _serve(start: Callable[[Path, Path], Server], folder: Path, work: Path) -> Iterator[Site]:
    try:
        server = start(folder, work)
    except servers.ServerError as error:
        pytest.fail(str(error))
    with servers.running(server):
        yield Site(server, folder)


@pytest.fixture(scope="session")
def site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """`make run`'s server (Caddy with deploy/Caddyfile, plain HTTP) on the exported folder."""
    yield from _serve(servers.start_make_run, exported_site, tmp_path_factory.mktemp("make-run"))


@pytest.fixture(scope="session")
def rich_site(rich_exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """`make run`'s server on the rich fixture guide's export."""
    yield from _serve(servers.start_make_run, rich_exported_site, tmp_path_factory.mktemp("rich-make-run"))


@pytest.fixture(scope="session")
def nginx_site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Debian's nginx with the shipped deploy/nginx.conf, over HTTPS, on the same folder."""
    yield from _serve(servers.start_nginx_https, exported_site, tmp_path_factory.mktemp("nginx"))


@pytest.fixture(scope="session")
def caddy_https_site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped Caddyfile as in production (HTTPS, its own certificates), on the same folder."""
    yield from _serve(servers.start_caddy_https, exported_site, tmp_path_factory.mktemp("caddy-https"))


@pytest.fixture(scope="session")
def cloudflare_site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Cloudflare Pages' own local runtime, `wrangler pages dev` (workerd), on the same folder, as uploaded."""
    yield from _serve(servers.start_wrangler, exported_site, tmp_path_factory.mktemp("wrangler"))


@pytest.fixture(scope="session")
def netlify_site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Netlify's local emulator, `netlify dev`, on the same folder, as uploaded."""
    yield from _serve(servers.start_netlify_dev, exported_site, tmp_path_factory.mktemp("netlify"))


@pytest.fixture(scope="session", params=["make run", "nginx"])
def any_site(request: pytest.FixtureRequest) -> Site:
    """The exported site behind `make run` and behind a production web server: the tests must pass on both."""
    return request.getfixturevalue("site" if request.param == "make run" else "nginx_site")
