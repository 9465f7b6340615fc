"""Second visits in Chromium: what a reader who already loaded `/` asks the server for, and downloads, again."""

from __future__ import annotations

import asyncio
import base64
import collections
import hashlib
import socket
import time
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from playwright.async_api import BrowserContext, CDPSession, Page, Request, async_playwright

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS, PHONE_CONTEXT
from tests.servers import Server

VISITS = (("first visit to /", "/"), ("second visit to /", "/"), ("then a topic page", "/topics/nmda-receptors"))
APP_STARTED_JS = "() => document.documentElement.hasAttribute('data-app-started')"
CACHE_FLAGS = ("fromDiskCache", "fromMemoryCache", "fromPrefetchCache", "fromServiceWorker", "fromEarlyHints")
LOAD_TIMEOUT_MS = 30000
QUIET_S = 1.0
QUIET_TIMEOUT_S = 60


class NetworkLog:
    """What reached the server: the page's requests (CDP) and its service workers' (Playwright), with bytes."""

    def __init__(self) -> None:
        """An empty log."""
        self.in_flight: set[Request] = set()
        self.last_change = time.monotonic()
        self.reset()

    def reset(self) -> None:
        """Forget the requests seen so far."""
        self.responses: dict[str, dict] = {}
        self.cache_hits: set[str] = set()
        self.received: dict[str, int] = {}
        self.wire_status: dict[str, int] = {}
        self.failed: list[str] = []
        self.worker_requests: list[dict] = []
        self.worker_cache_hits = 0

    def listen(self, session: CDPSession, context: BrowserContext) -> None:
        """Follow the page session's Network events, and every request of the context (service workers' too)."""
        session.on("Network.responseReceived", self._response)
        session.on("Network.requestServedFromCache", lambda event: self.cache_hits.add(event["requestId"]))
        # The status on the wire: a revalidated page is a 304 there, the cached 200 in responseReceived.
        session.on("Network.responseReceivedExtraInfo", self._extra_info)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.loadingFailed", lambda event: self.failed.append(event.get("errorText", "")))
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def _response(self, event: dict) -> None:
        response = event["response"]
        if any(response.get(flag) for flag in CACHE_FLAGS):
            self.cache_hits.add(event["requestId"])
        self.responses[event["requestId"]] = {
            "path": _path(response["url"]),
            "status": response["status"],
            "encoding": _header(response["headers"], "content-encoding"),
            "by": "page",
        }

    def _extra_info(self, event: dict) -> None:
        self.wire_status[event["requestId"]] = event["statusCode"]

    def _finished(self, event: dict) -> None:
        self.received[event["requestId"]] = int(event.get("encodedDataLength", 0))

    def _started(self, request: Request) -> None:
        self.in_flight.add(request)
        self.last_change = time.monotonic()

    async def _ended(self, request: Request) -> None:
        if request.service_worker is not None:
            await self._record_worker_request(request)
        self.in_flight.discard(request)
        self.last_change = time.monotonic()

    async def _record_worker_request(self, request: Request) -> None:
        """A service worker's request: from the HTTP cache when nothing was received, else it reached the server."""
        response = await request.response()
        if response is None:
            self.failed.append(f"service worker: {request.failure or 'failed'} {request.url}")
            return
        sizes = await request.sizes()
        received = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        if received <= 0:
            self.worker_cache_hits += 1
            return
        self.worker_requests.append(
            {
                "path": _path(request.url),
                "status": response.status,
                "encoding": _header(await response.all_headers(), "content-encoding"),
                "by": "service worker",
                "bytes": received,
            }
        )

    async def wait_quiet(self) -> None:
        """Wait until no request of the context, page or service worker, has been in flight for QUIET_S.

        Gives up after QUIET_TIMEOUT_S; the summary then counts the requests still in flight.
        """
        deadline = time.monotonic() + QUIET_TIMEOUT_S
        while (self.in_flight or time.monotonic() - self.last_change < QUIET_S) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)

    def summary(self) -> dict:
        """Requests that reached the server (status, bytes), their total bytes, and how many the browser served."""
        sent = [
            response
            | {
                "status": self.wire_status.get(request_id, response["status"]),
                "bytes": self.received.get(request_id, 0),
            }
            for request_id, response in self.responses.items()
            if request_id not in self.cache_hits
        ]
        sent += self.worker_requests
        statuses = collections.Counter(str(request["status"]) for request in sent)
        return {
            "to_server": len(sent),
            "statuses": dict(sorted(statuses.items())),
            "bytes": sum(request["bytes"] for request in sent),
            "from_cache": len(self.cache_hits) + self.worker_cache_hits,
            "by_service_worker": len(self.worker_requests),
            "still_in_flight": len(self.in_flight),
            "failed": list(self.failed),
            "requests": sent,
        }


def _path(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _header(headers: dict[str, str], name: str) -> str | None:
    return next((value for key, value in headers.items() if key.lower() == name), None)


def measure(server: Server) -> dict[str, dict]:
    """Visit `/`, `/` again and a topic page in one browser context; what each visit sent over the network."""
    return asyncio.run(_measure(server.url, CHROMIUM_FLAGS + trust_flags(server)))


def trust_flags(server: Server) -> list[str]:
    """Chromium flags that make it trust the server's certificate.

    With `ignore_https_errors` alone the certificate is still an error to Chromium, which then keeps nothing in
    its HTTP cache: every second visit would download the page again.

    Args:
        server: the running server.

    Returns:
        `--ignore-certificate-errors-spki-list` with the server's public key, or nothing for plain HTTP.
    """
    if not server.https:
        return []
    address = urllib.parse.urlsplit(server.url)
    context = server.ssl_context()
    assert context is not None, "an HTTPS server has a local certificate authority"
    with (
        socket.create_connection(("127.0.0.1", address.port), timeout=10) as sock,
        context.wrap_socket(sock, server_hostname=address.hostname) as tls,
    ):
        certificate = tls.getpeercert(binary_form=True)
        assert certificate is not None
        key = x509.load_der_x509_certificate(certificate).public_key()
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return [f"--ignore-certificate-errors-spki-list={base64.b64encode(hashlib.sha256(spki).digest()).decode()}"]


async def _measure(base_url: str, flags: list[str]) -> dict[str, dict]:
    results = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=flags)
        try:
            context = await browser.new_context(**PHONE_CONTEXT, ignore_https_errors=True)
            page = await context.new_page()
            log = NetworkLog()
            session = await context.new_cdp_session(page)
            log.listen(session, context)
            await session.send("Network.enable")
            for label, path in VISITS:
                log.reset()
                await visit(page, base_url + path)
                await log.wait_quiet()
                results[label] = log.summary()
            await context.close()
        finally:
            await browser.close()
    return results


async def visit(page: Page, url: str) -> None:
    """Go to `url` (a navigation, not a reload) and wait until the app has started and the network is idle."""
    await page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    await page.wait_for_function(APP_STARTED_JS, timeout=LOAD_TIMEOUT_MS)
    await page.wait_for_load_state("networkidle", timeout=LOAD_TIMEOUT_MS)
