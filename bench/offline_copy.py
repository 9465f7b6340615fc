"""The offline copy on a phone's network: what it downloads, when it starts, how long it takes to save."""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from pathlib import Path

from playwright.async_api import Request, async_playwright

from bench import throttle
from ketaguide_app.offline.build import listed_in_service_worker
from ketaguide_app.paths import MANIFEST_PATH, WORKER_PATH
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS, PHONE_CONTEXT
from tests.servers import Server

SAVE_TIMEOUT_MS = 300_000
# What the offline copy adds that a first visit could fetch before its load event.
OFFLINE_FILES = (MANIFEST_PATH, WORKER_PATH, "/icon-", "/assets/offline-")
# Marks, in the page's clock: the app started, the worker was registered, the page said the guide is saved.
MARKS_JS = """
window.__offline = {};
const mark = (name) => { if (!(name in window.__offline)) window.__offline[name] = performance.now(); };
document.addEventListener("ketaguide:started", () => mark("started"));
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  mark("registered");
  return register.apply(this, args);
};
new MutationObserver(() => {
  const status = document.getElementById("offline-status");
  if (status && status.textContent) mark("saved");
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def measure(site: Path, server: Server) -> dict:
    """The copy's files and bytes, and its timeline on the throttled link (`server` must be plain HTTP)."""
    listed = listed_in_service_worker(site)["files"]
    return {"files": len(listed), **copy_bytes(site, list(listed))} | asyncio.run(_timeline(server))


def copy_bytes(site: Path, addresses: list[str]) -> dict[str, int]:
    """What the listed files weigh as the server sends them to Chromium (their Brotli copies), and uncompressed."""
    sent = raw = 0
    for address in addresses:
        file = site / (address.lstrip("/") or "index.html")
        file = file if file.is_file() else file.with_name(file.name + ".html")
        brotli = file.with_name(file.name + ".br")
        raw += file.stat().st_size
        sent += (brotli if brotli.is_file() else file).stat().st_size
    return {"sent_bytes": sent, "raw_bytes": raw}


async def _timeline(server: Server) -> dict:
    port = urllib.parse.urlsplit(server.url).port
    assert port is not None, server.url
    started: list[tuple[float, str]] = []
    with throttle.throttled(port) as proxy:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                context = await browser.new_context(**PHONE_CONTEXT)
                context.on("request", lambda request: started.append((time.time() * 1000, _path(request))))
                page = await context.new_page()
                await page.add_init_script(MARKS_JS)
                await page.goto(f"http://127.0.0.1:{proxy.port}/", wait_until="load", timeout=SAVE_TIMEOUT_MS)
                await page.wait_for_function("() => 'saved' in window.__offline", timeout=SAVE_TIMEOUT_MS)
                timeline = await page.evaluate(
                    """() => ({...window.__offline, origin: performance.timeOrigin,
                       load: performance.getEntriesByType("navigation")[0].loadEventEnd})"""
                )
            finally:
                await browser.close()
    loaded_at = timeline["origin"] + timeline["load"]
    early = sorted({path for at, path in started if at < loaded_at and path.startswith(OFFLINE_FILES)})
    return {
        "load_ms": timeline["load"],
        "started_ms": timeline["started"],
        "registered_ms": timeline["registered"],
        "saved_ms": timeline["saved"],
        "before_load": early,
    }


def _path(request: Request) -> str:
    return urllib.parse.urlsplit(request.url).path
