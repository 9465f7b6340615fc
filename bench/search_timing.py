"""The guide's search in Chromium with the CPU 4× slower: keystroke to results, requests while typing, its bytes.

Each query is typed character by character into the search field once its index is there; for each keystroke the
page records the time from its input event to the results being in the page (find.js renders them in the input
event itself) and to the next frame after that. Requests that reach the network while typing are counted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import brotli
from playwright.sync_api import sync_playwright

from ketaguide_app import dom
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS, PHONE_CONTEXT

QUERIES = ("side effects", "intranasal spray", "depresion", "neuroplasticity", "ketamine therapy", "xyzzy")
CPU_SLOWDOWN = 4
KEY_GAP_MS = 60
START_TIMEOUT_MS = 60_000
CACHED = ("fromDiskCache", "fromMemoryCache", "fromPrefetchCache", "fromServiceWorker")
# The input event as the browser made it (its timeStamp: the typed character is in the field) -> handled by find.js
# (window, bubbling: after the document's listener) -> next frame. The keydown before it is not the start: a
# driver sends a key's down and its character as two messages, and the time between them is the driver's.
PROBE_JS = """
window.__search = {samples: []};
window.addEventListener("input", (e) => {
  if (e.target.id !== "__FIELD__") return;
  const p = {t0: e.timeStamp, handling: performance.now()};
  window.__search.pending = p;
}, true);
window.addEventListener("input", (e) => {
  const p = window.__search.pending;
  if (!p || e.target.id !== "__FIELD__") return;
  p.dom = performance.now();
  requestAnimationFrame(() => { p.frame = performance.now(); window.__search.samples.push(p); });
  window.__search.pending = null;
});
"""


def measure(url: str) -> dict[str, Any]:
    """Per-keystroke times (ms), and the requests that went to the network while typing."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(**PHONE_CONTEXT, service_workers="block")
            page = context.new_page()
            page.add_init_script(PROBE_JS.replace("__FIELD__", dom.SEARCH))
            page.goto(url, wait_until="load", timeout=START_TIMEOUT_MS)
            page.wait_for_function("() => document.documentElement.hasAttribute('data-app-started')")
            field = page.locator(f"#{dom.SEARCH}")
            field.fill("ketamine")
            page.wait_for_selector(f"#{dom.SEARCH_RESULTS} li")
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            requests: list[str] = []
            session.on(
                "Network.responseReceived",
                lambda event: (
                    None
                    if any(event["response"].get(flag) for flag in CACHED)
                    else requests.append(event["response"]["url"])
                ),
            )
            session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.evaluate("() => { window.__search.samples = []; }")
            for query in QUERIES:
                field.fill("")
                field.press_sequentially(query, delay=KEY_GAP_MS)
            page.wait_for_timeout(300)
            samples = page.evaluate("() => window.__search.samples")
            return {
                "to_results_ms": [sample["dom"] - sample["t0"] for sample in samples],
                "to_frame_ms": [sample["frame"] - sample["t0"] for sample in samples],
                "keystrokes": sum(len(query) for query in QUERIES),
                "requests_while_typing": requests,
            }
        finally:
            browser.close()


def search_bytes(site: Path) -> dict[str, int]:
    """The Brotli bytes of the search index and of the page script that holds the search code."""
    index = next((site / "assets").glob("search-*.json"))
    script = next((site / "assets").glob("page-*.js"))
    files = {"index": index, "page script": script}
    return {name: len(brotli.compress(file.read_bytes(), quality=11)) for name, file in files.items()}
