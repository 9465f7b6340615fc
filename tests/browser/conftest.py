"""Browser-test fixtures: the real production build on a free port, and Debian's Chromium in a phone viewport."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_BASE_URL = "https://guide.example.org"
PHONE = {"width": 390, "height": 844}
START_TIMEOUT_SECONDS = 900


@dataclass
class Site:
    """The running production site: where it answers and the public URL its pages name."""

    url: str
    public_url: str = PUBLIC_BASE_URL
    log: Path = field(default_factory=Path)

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        """A plain HTTP GET, as a crawler or a chat app's link preview makes it (no JavaScript)."""
        request = urllib.request.Request(self.url + path, headers={"User-Agent": "ketaguide-tests"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_served(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited while starting:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    pytest.fail(f"the app did not answer within {START_TIMEOUT_SECONDS} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build and serve the production site once for the whole browser suite."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "reflex.log"
    env = dict(os.environ, KETAGUIDE_BASE_URL=PUBLIC_BASE_URL, REFLEX_CHECK_LATEST_VERSION="false")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                Path(sys.executable).parent / "reflex",
                "run",
                "--env",
                "prod",
                "--single-port",
                "--backend-port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(url + "/", process, log)
        yield Site(url=url, log=log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


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
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


def new_phone_context(browser: Browser, **options: object) -> BrowserContext:
    """A fresh phone-sized browsing context."""
    settings: dict[str, object] = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    return browser.new_context(**(settings | options))


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A phone browsing context, closed after the test."""
    context = new_phone_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page that fails the test on any uncaught script error or dialog (e.g. an injected alert)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    assert errors == []


def block_websocket(page: Page) -> None:
    """Cut the app's connection to the server: the page must keep working in the browser alone."""
    page.route_web_socket("**/_event/**", lambda ws: ws.close())
    page.route("**/_event/**", lambda route: route.abort())


def wait_for_app(page: Page) -> None:
    """Wait until React has hydrated the page, so its event handlers are attached."""
    page.wait_for_function(
        "() => Object.keys(document.querySelector('main') || {}).some((k) => k.startsWith('__react'))"
    )
