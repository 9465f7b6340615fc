"""Keystroke-to-result time of the FAQ filter in Chromium on a phone viewport, with the network slow or gone."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Browser, BrowserContext, Locator, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from ketaguide_app.browser import browser_code
from ketaguide_app.components.faq import searched_text
from ketaguide_app.models import Guide
from ketaguide_app.wording import WORDING
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

QUERIES = ("side effects", "addiction", "how long", "ketamine", "xyz")
ROUNDS = 2  # 2 x 40 characters = 80 keystrokes per series
WARM_UP = "therapy"
# Chromium's own "Slow 3G" preset: 400 ms round trips, 50 KB/s each way.
SLOW_NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
KEY_GAP_MS = 60
RESULT_TIMEOUT_MS = 3000
MAX_MISSES = 3
LOAD_TIMEOUT_MS = 30000

# Records keydown -> DOM matching the app's own matching rule for the typed value -> next animation frame.
PROBE_JS = """
(() => {
  const b = window.__bench = {armed: false, pending: null, samples: []};
  const D = __DATA__;
  __BROWSER_CODE__
  const {matches, count, segments} = ketaguide.search;
  b.expected = (v) => ({
    count: D.countTemplate.replace("\\u0000", String(count(v, D.searched))),
    hidden: D.searched.map((h) => !matches(v, h)).join(),
    marks: D.texts.flatMap((t) => segments(v, t)).filter((s) => s[1]).map((s) => s[0]).join("\\u0001"),
  });
  b.shows = (v) => {
    const e = b.expected(v), counter = document.getElementById("faq-count");
    if (!counter || counter.textContent !== e.count) return false;
    if ([...document.querySelectorAll(".faq-item")].map((i) => i.hidden).join() !== e.hidden) return false;
    return [...document.querySelectorAll(".faq mark")].map((m) => m.textContent).join("\\u0001") === e.marks;
  };
  const check = () => {
    const p = b.pending;
    if (!p || p.value === null || p.dom !== null || !b.shows(p.value)) return;
    p.dom = performance.now();
    p.changed = JSON.stringify(b.expected(p.before)) !== JSON.stringify(b.expected(p.value));
    requestAnimationFrame(() => { p.frame = performance.now(); b.samples.push(p); b.pending = null; });
  };
  document.addEventListener("keydown", (e) => {
    if (!b.armed || e.target.id !== "faq-search") return;
    b.pending = {t0: e.timeStamp, before: e.target.value, value: null, dom: null, frame: null};
  }, true);
  // Capture phase: read the typed value before React puts the controlled input back to the old state.
  window.addEventListener("input", (e) => {
    if (!b.armed || !b.pending || e.target.id !== "faq-search") return;
    b.pending.value = e.target.value;
    check();
  }, true);
  const watched = {subtree: true, childList: true, characterData: true, attributes: true};
  new MutationObserver(check).observe(document, watched);
})();
"""
HYDRATED_JS = "() => document.documentElement.hasAttribute('data-app-started')"


def probe_script(guide: Guide) -> str:
    """The page-side probe, with the FAQ texts and the app's own browser code (its matching rule) filled in."""
    data = {
        "searched": [searched_text(f) for f in guide.faqs],
        "texts": [text for f in guide.faqs for text in (f.question, f.answer.text)],
        "countTemplate": WORDING.faq_count.format(shown="\0", total=len(guide.faqs)),
    }
    replacements = {
        "__DATA__": json.dumps(data),
        "__BROWSER_CODE__": browser_code(),
    }
    return re.sub("|".join(replacements), lambda m: replacements[m.group(0)], PROBE_JS)


def measure(url: str, guide: Guide) -> dict:
    """Both series: the network as slow as Chromium's "Slow 3G", then gone, once the page has loaded."""
    return asyncio.run(_measure(url, probe_script(guide)))


async def _measure(url: str, probe: str) -> dict:
    results = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            for name, network in (("slow", _slow), ("offline", _offline)):
                results[name] = await _series(browser, url, probe, network)
        finally:
            await browser.close()
    return results


# Sets the network's conditions once the page has loaded.
Network = Callable[[BrowserContext, Page], Awaitable[None]]


async def _slow(context: BrowserContext, page: Page) -> None:
    session = await context.new_cdp_session(page)
    await session.send("Network.emulateNetworkConditions", SLOW_NETWORK)


async def _offline(context: BrowserContext, _page: Page) -> None:
    await context.set_offline(True)


CACHED = ("fromDiskCache", "fromMemoryCache", "fromPrefetchCache", "fromServiceWorker")


async def _count_network_requests(context: BrowserContext, page: Page, stats: dict) -> None:
    """Count, from now on, the page's requests that go to the network (not its cache or service worker)."""
    session = await context.new_cdp_session(page)
    await session.send("Network.enable")

    def count(event: dict) -> None:
        if "response" not in event or not any(event["response"].get(flag) for flag in CACHED):
            stats["requests_while_typing"] += 1

    session.on("Network.responseReceived", count)
    session.on("Network.loadingFailed", count)


class FilterNotRespondingError(Exception):
    """Several keystrokes in a row never showed their result: the series stops instead of waiting on."""


async def _series(browser: Browser, url: str, probe: str, network: Network) -> dict:
    stats = {"websockets": 0, "requests_while_typing": 0}
    result: dict[str, Any] = {"samples": [], "failures": 0, "error": None, "page_errors": []}
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    try:
        page = await context.new_page()
        page.on("pageerror", lambda error: result["page_errors"].append(str(error)))
        await page.add_init_script(probe)
        page.on("websocket", lambda _: stats.update(websockets=stats["websockets"] + 1))
        await page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        await page.wait_for_function(HYDRATED_JS, timeout=LOAD_TIMEOUT_MS)
        await page.wait_for_load_state("networkidle")
        await network(context, page)
        box = page.get_by_role("searchbox", name=WORDING.faq_search_label)
        await box.click()
        await _type_query(page, box, WARM_UP, {"samples": [], "failures": 0})
        await _count_network_requests(context, page, stats)
        for query in QUERIES * ROUNDS:
            await _type_query(page, box, query, result)
    except FilterNotRespondingError as error:
        first = f"; first page error: {result['page_errors'][0]}" if result["page_errors"] else ""
        result["error"] = f"{error}{first}"
    finally:
        await context.close()
    return result | stats


async def _type_query(page: Page, box: Locator, query: str, result: dict) -> None:
    """Type a query one character at a time, timing each result into `result`; then clear the box."""
    await page.evaluate("() => { window.__bench.armed = true; }")
    misses = 0
    for index, char in enumerate(query, start=1):
        sample = await _keystroke(page, char)
        if sample and sample["value"] == query[:index]:
            result["samples"].append(
                {
                    "query": query,
                    "value": sample["value"],
                    "dom_ms": sample["dom"] - sample["t0"],
                    "frame_ms": sample["frame"] - sample["t0"],
                    "changed": sample["changed"],
                }
            )
            misses = 0
            continue
        result["failures"] += 1
        misses += 1
        if misses >= MAX_MISSES:
            typed = sample["value"] if sample else await box.input_value()
            msg = f"the FAQ filter showed no result for {misses} keystrokes in a row (typing {query!r}, box: {typed!r})"
            raise FilterNotRespondingError(msg)
    await page.evaluate("() => { window.__bench.armed = false; window.__bench.pending = null; }")
    await box.fill("")
    try:
        await page.wait_for_function("() => window.__bench.shows('')", timeout=RESULT_TIMEOUT_MS)
    except PlaywrightTimeout as error:
        raise FilterNotRespondingError("clearing the search box did not show every question again") from error


async def _keystroke(page: Page, char: str) -> dict | None:
    """Type one character and return its timing sample, or None when no result showed in time."""
    before = await page.evaluate("() => window.__bench.samples.length")
    await page.keyboard.type(char)
    try:
        await page.wait_for_function("n => window.__bench.samples.length > n", arg=before, timeout=RESULT_TIMEOUT_MS)
    except PlaywrightTimeout:
        await page.evaluate("() => { window.__bench.pending = null; }")
        return None
    finally:
        await page.wait_for_timeout(KEY_GAP_MS)
    return await page.evaluate("n => window.__bench.samples[n]", before)
