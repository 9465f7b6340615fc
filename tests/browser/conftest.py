"""Browser-test fixtures: the exported site behind `make run` and behind nginx, and Debian's Chromium as a phone."""

from __future__ import annotations

import http.client
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Playwright,
    Request,
    Response,
    ViewportSize,
    sync_playwright,
)

from tests import servers
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.fixture_guides import FULL_GUIDE
from tests.servers import Server

PUBLIC_BASE_URL = "https://guide.example.org"
# A page on loopback answers in milliseconds and the app starts in well under a second: a stall fails in seconds.
STEP_TIMEOUT_MS = 10_000
APP_START_TIMEOUT_MS = 10_000
PHONE: ViewportSize = {"width": 390, "height": 844}


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


@pytest.fixture(scope="session")
def exported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make export` writes it from the full fixture guide, built once for every test worker."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the workers' common temporary folder
    work = shared / "full-guide-export"
    with FileLock(shared / "full-guide-export.lock"):
        if not (work / "complete").exists():
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            try:
                servers.export(work / "site", PUBLIC_BASE_URL, work / "export.log", FULL_GUIDE)
            except servers.ServerError as error:
                pytest.fail(str(error))
            (work / "complete").touch()
    return work / "site"


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
def nginx_site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Debian's nginx with the shipped deploy/nginx.conf, over HTTPS, on the same folder."""
    yield from _serve(servers.start_nginx_https, exported_site, tmp_path_factory.mktemp("nginx"))


@pytest.fixture(scope="session")
def caddy_https_site(exported_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped Caddyfile as in production (HTTPS, its own certificates), on the same folder."""
    yield from _serve(servers.start_caddy_https, exported_site, tmp_path_factory.mktemp("caddy-https"))


@pytest.fixture(scope="session", params=["make run", "nginx"])
def any_site(request: pytest.FixtureRequest) -> Site:
    """The exported site behind `make run` and behind a production web server: the tests must pass on both."""
    return request.getfixturevalue("site" if request.param == "make run" else "nginx_site")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver for the session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium; a missing browser fails the suite loudly instead of skipping it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) or set KETAGUIDE_CHROMIUM"
        )
    # nginx serves HTTPS with a certificate from a CA made for the session; the tests that check certificates
    # use their own clients, and Chromium would otherwise refuse the service worker over it.
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, "--ignore-certificate-errors"]
    )
    yield browser
    browser.close()


# Reports every CSP violation as a console error, which the watch below collects.
REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} ${e.sample}`));"""
PROBLEMS: dict[int, list[str]] = {}
# False once Playwright's fake clock is installed: it is the whole context's, so every later tab would get it.
NATIVE_TIMERS_JS = "() => String(setTimeout).includes('[native code]')"


def new_phone_context(browser: Browser, **options: object) -> BrowserContext:
    """A fresh phone-sized browsing context, watched for anything a reader's browser must never do.

    The offline copy is off unless a test asks for it (`service_workers="allow"`): most tests are about one
    page, and saving the whole guide in each of their contexts would double the suite's time.
    """
    settings: dict[str, Any] = {"viewport": PHONE, "is_mobile": True, "has_touch": True, "service_workers": "block"}
    context = browser.new_context(**(settings | options))
    context.set_default_timeout(STEP_TIMEOUT_MS)
    problems = PROBLEMS.setdefault(id(context), [])
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.on("page", lambda page: watch(page, problems))
    return context


def watch(page: Page, problems: list[str]) -> None:
    """Collect script errors, dialogs, console errors, CSP violations, connections and anything but reading files."""
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: _refuse_dialog(dialog, problems))
    page.on("console", lambda message: _check_console(message, problems))
    page.on("websocket", lambda socket: problems.append(f"websocket: {socket.url}"))
    page.on("request", lambda request: _check_request(request, problems))
    page.on("response", lambda response: _check_response(response, problems))


def _refuse_dialog(dialog: Dialog, problems: list[str]) -> None:
    problems.append(f"dialog: {dialog.message}")
    dialog.dismiss()


def _check_request(request: Request, problems: list[str]) -> None:
    if request.method not in {"GET", "HEAD"}:
        problems.append(f"{request.method} {request.url}")
    if not request.is_navigation_request() and _origin(request.url) != _origin(request.frame.url):
        problems.append(f"request to another origin: {request.url}")


def _check_response(response: Response, problems: list[str]) -> None:
    if response.status >= HTTPStatus.BAD_REQUEST and not response.request.is_navigation_request():
        problems.append(f"{response.status} for {response.url}")


def _check_console(message: ConsoleMessage, problems: list[str]) -> None:
    # A page or file that is not found is reported above, unless the test asked for it by its address.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"console error: {message.text}")


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def close(context: BrowserContext) -> None:
    """Close a context, failing the test if anything it watched for happened."""
    problems = PROBLEMS.pop(id(context), [])
    context.close()
    assert problems == []


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    """One watched phone browsing context per test worker: a new context costs Chromium as much as a page visit."""
    context = new_phone_context(browser)
    yield context
    close(context)


@pytest.fixture
def context(shared_context: BrowserContext) -> Iterator[BrowserContext]:
    """The worker's phone context, left as found: no tab, online, no permissions, nothing it watched for.

    Its tabs share the HTTP cache and the clock (each has its own session storage): see `page`.
    """
    yield shared_context
    for tab in shared_context.pages[:1]:
        assert tab.evaluate(NATIVE_TIMERS_JS), "the test faked the shared context's clock: mark it own_context"
    for tab in shared_context.pages:
        tab.close()
    shared_context.set_offline(False)
    shared_context.clear_permissions()
    shared_context.clear_cookies()
    problems = PROBLEMS.setdefault(id(shared_context), [])
    seen = list(problems)
    problems.clear()
    assert seen == []


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A new tab, watched: any uncaught error, dialog or CSP violation fails the test.

    It opens in the worker's shared context, or in a context of its own for a test marked `own_context`: a first
    visit, with nothing cached, or a test that changes what belongs to the whole context (`page.clock` does).
    """
    if request.node.get_closest_marker("own_context") is None:
        yield request.getfixturevalue("context").new_page()
        return
    context = new_phone_context(browser)
    yield context.new_page()
    close(context)


def wait_for_app(page: Page) -> None:
    """Wait until the app has taken over the page (it marks the document), so its handlers are attached."""
    page.wait_for_function(
        "() => document.documentElement.hasAttribute('data-app-started')", timeout=APP_START_TIMEOUT_MS
    )
