"""Browser-test fixtures: Debian's Chromium as a phone, watched for anything a reader's browser must never do."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
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

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

# A page on loopback answers in milliseconds and the app starts in well under a second: a stall fails in seconds.
STEP_TIMEOUT_MS = 10_000
APP_START_TIMEOUT_MS = 10_000
PHONE: ViewportSize = {"width": 390, "height": 844}


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
