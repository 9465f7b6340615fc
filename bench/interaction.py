"""Interaction latency as INP measures it (Event Timing) on a 4× slower CPU, while the app starts and after.

Taps on a section's header and on "Show all sections", and a keystroke in the FAQ field, each timed by the
browser from the input to the next paint. During start-up they repeat from the `load` event until the app has
started (the network as slow as Lighthouse's mobile profile, so the start is spread over seconds); after it,
each is made a few times more.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page, sync_playwright

from ketaguide_app.wording import WORDING
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

CPU_SLOWDOWN = 4
# Lighthouse's mobile profile: 150 ms round trips, 1.6 Mbps down, 750 kbps up.
MOBILE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 204_800, "uploadThroughput": 93_750}
AFTER_START_ROUNDS = 5
START_TIMEOUT_S = 60
# Event Timing reports interactions of 16 ms or more; a shorter one is counted as this.
THRESHOLD_MS = 16
SETTLE_MS = 150
OBSERVE_JS = """
window.__interactions = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.interactionId) window.__interactions.push({id: entry.interactionId, duration: entry.duration});
  }
}).observe({type: "event", durationThreshold: 16, buffered: true});
"""
STARTED_JS = "() => document.documentElement.hasAttribute('data-app-started')"
KINDS = ("tap on a section", "tap on Show all", "keystroke in the FAQ field")


def measure(url: str) -> dict[str, dict[str, list[float]]]:
    """The latency of each kind of interaction, in ms, during start-up and after it."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = context.new_page()
            page.add_init_script(OBSERVE_JS)
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
            page.goto(url, wait_until="load", timeout=START_TIMEOUT_S * 1000)
            during = _until_started(page)
            after: dict[str, list[float]] = {kind: [] for kind in KINDS}
            for _ in range(AFTER_START_ROUNDS):
                for kind in KINDS:
                    after[kind].append(_interact(page, kind))
            return {"during start-up": during, "after start-up": after}
        finally:
            browser.close()


def _until_started(page: Page) -> dict[str, list[float]]:
    """Interactions one after another from `load` until the app has started (and one round more)."""
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    deadline = time.monotonic() + START_TIMEOUT_S
    started_rounds = 0
    while started_rounds < 1:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app did not start within {START_TIMEOUT_S} s on the throttled profile")
        started = page.evaluate(STARTED_JS)
        for kind in KINDS:
            timings[kind].append(_interact(page, kind))
        started_rounds += 1 if started else 0
    return timings


def _interact(page: Page, kind: str) -> float:
    """One interaction of the kind, and its latency (the longest Event Timing entry it made, in ms)."""
    before = page.evaluate("() => window.__interactions.length")
    if kind == "tap on a section":
        page.locator("details[data-section] > summary").first.tap(position={"x": 12, "y": 12})
    elif kind == "tap on Show all":
        page.locator("button[data-show-all]").tap()
    else:
        field = page.get_by_role("searchbox", name=WORDING.faq_search_label)
        field.focus()
        page.keyboard.press("a" if not field.input_value() else "Backspace")
    page.wait_for_timeout(SETTLE_MS)
    entries: list[dict[str, Any]] = page.evaluate("(n) => window.__interactions.slice(n)", before)
    return max([entry["duration"] for entry in entries], default=float(THRESHOLD_MS))
