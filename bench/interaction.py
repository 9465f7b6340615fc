"""Interaction latency as INP measures it (Event Timing) on a 4× slower CPU, while the app starts and after.

Taps on a section's header and on "Show all sections", and a keystroke in the FAQ field, each timed by the
browser from the input to the next paint. During start-up they repeat from the `load` event until the app has
started (the network as slow as Lighthouse's mobile profile, so the start is spread over seconds); after it,
each is made a few times more. The browser is driven over its DevTools protocol with no inspector domain on
(bench/cdp.py), as a reader's phone runs the page: Playwright's inspector would add work no reader's browser does.
"""

from __future__ import annotations

import json
import time
from typing import Any

from bench.cdp import Tab, chromium_tab
from ketaguide_app import dom

CPU_SLOWDOWN = 4
# Lighthouse's mobile profile: 150 ms round trips, 1.6 Mbps down, 750 kbps up.
MOBILE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 204_800, "uploadThroughput": 93_750}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
AFTER_START_ROUNDS = 5
START_TIMEOUT_S = 60
# Event Timing reports interactions of 16 ms or more; a shorter one is counted as this.
THRESHOLD_MS = 16
SETTLE_S = 0.150
OBSERVE_JS = """
window.__interactions = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.interactionId) window.__interactions.push({id: entry.interactionId, duration: entry.duration});
  }
}).observe({type: "event", durationThreshold: 16, buffered: true});
"""
LOADED_JS = 'Array.isArray(window.__interactions) && document.readyState === "complete"'
STARTED_JS = "document.documentElement.hasAttribute('data-app-started')"
KINDS = ("tap on a section", "tap on Show all", "keystroke in the FAQ field")
TARGETS = {"tap on a section": "details[data-section] > summary", "tap on Show all": f"button[{dom.SHOW_ALL}]"}
# Where a tap lands: a point inside the element, from its top left corner (None: its middle).
TAP_OFFSETS = {"tap on a section": (12, 12), "tap on Show all": None}
# The keys as Chromium's input pipeline takes them: a character, and Backspace (no text).
KEYS = {
    "a": {"key": "a", "code": "KeyA", "text": "a", "windowsVirtualKeyCode": 65},
    "Backspace": {"key": "Backspace", "code": "Backspace", "windowsVirtualKeyCode": 8},
}


def measure(url: str) -> dict[str, dict[str, list[float]]]:
    """The latency of each kind of interaction, in ms, during start-up and after it."""
    with chromium_tab() as tab:
        tab.send("Emulation.setDeviceMetricsOverride", **PHONE)
        tab.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=1)
        tab.send("Emulation.setCPUThrottlingRate", rate=CPU_SLOWDOWN)
        tab.send("Network.enable")
        tab.send("Network.emulateNetworkConditions", **MOBILE_NETWORK)
        tab.send("Page.enable")
        tab.send("Page.addScriptToEvaluateOnNewDocument", source=OBSERVE_JS)
        tab.send("Page.navigate", url=url)
        tab.wait_for(LOADED_JS, START_TIMEOUT_S)
        during = _until_started(tab)
        after: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _ in range(AFTER_START_ROUNDS):
            for kind in KINDS:
                after[kind].append(_interact(tab, kind))
        return {"during start-up": during, "after start-up": after}


def _until_started(tab: Tab) -> dict[str, list[float]]:
    """Interactions one after another from `load` until the app has started (and one round more)."""
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    deadline = time.monotonic() + START_TIMEOUT_S
    started_rounds = 0
    while started_rounds < 1:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app did not start within {START_TIMEOUT_S} s on the throttled profile")
        started = tab.evaluate(STARTED_JS)
        for kind in KINDS:
            timings[kind].append(_interact(tab, kind))
        started_rounds += 1 if started else 0
    return timings


def _interact(tab: Tab, kind: str) -> float:
    """One interaction of the kind, and its latency (the longest Event Timing entry it made, in ms)."""
    before = tab.evaluate("window.__interactions.length")
    if kind in TARGETS:
        _tap(tab, TARGETS[kind], TAP_OFFSETS[kind])
    else:
        typed = tab.evaluate(
            f"(() => {{ const field = document.getElementById({json.dumps(dom.FAQ_INPUT)});"
            " field.focus(); return field.value; })()"
        )
        _press(tab, "Backspace" if typed else "a")
    time.sleep(SETTLE_S)
    entries: list[dict[str, Any]] = tab.evaluate(f"window.__interactions.slice({before})")
    return max([entry["duration"] for entry in entries], default=float(THRESHOLD_MS))


def _tap(tab: Tab, selector: str, offset: tuple[int, int] | None) -> None:
    """A touch on the first element the selector finds, scrolled into view first if it is not."""
    left, top, width, height = tab.evaluate(
        f"(() => {{ const element = document.querySelector({json.dumps(selector)});"
        " element.scrollIntoView({block: 'nearest'}); const box = element.getBoundingClientRect();"
        " return [box.left, box.top, box.width, box.height]; })()"
    )
    x, y = (left + offset[0], top + offset[1]) if offset else (left + width / 2, top + height / 2)
    tab.send("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": x, "y": y}])
    tab.send("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])


def _press(tab: Tab, key: str) -> None:
    """A key pressed and let go in the focused element."""
    fields = KEYS[key]
    tab.send("Input.dispatchKeyEvent", type="keyDown" if "text" in fields else "rawKeyDown", **fields)
    tab.send("Input.dispatchKeyEvent", type="keyUp", **{k: v for k, v in fields.items() if k != "text"})
