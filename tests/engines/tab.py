"""What a test does in a tab of any engine: open, script, click, press keys, wait, and what went wrong there."""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from ketaguide_app import dom

STEP_TIMEOUT_S = 10.0
POLL_S = 0.05
LEFT_MARK = "__documentLeft"  # set on a document before the tab leaves it
# WebDriver's codes for the keys the tests press (the W3C WebDriver specification's key table).
KEYS = {
    "Tab": "\ue004",
    "Enter": "\ue007",
    "Escape": "\ue00c",
    " ": " ",
    "End": "\ue010",
    "Home": "\ue011",
    "ArrowUp": "\ue013",
    "ArrowDown": "\ue015",
}
# Reports every CSP violation as a console error, as the Chromium tests' init script does.
REPORT_CSP_VIOLATIONS_JS = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} ${e.sample}`));"""


class EngineMissingError(RuntimeError):
    """An engine's program is not installed; the message names the Debian packages that bring it."""


class EngineError(RuntimeError):
    """An engine refused or failed a command; the message is the engine's."""


def check_installed(needed: dict[Path, str]) -> None:
    """Fail loudly, naming each missing program and the packages to install, unless every program is there."""
    missing = {path: package for path, package in needed.items() if not path.exists()}
    if missing:
        paths = ", ".join(str(path) for path in missing)
        packages = " ".join(sorted(set(missing.values())))
        raise EngineMissingError(f"{paths} not found: apt-get install {packages}")


def pointer_click(x: int, y: int) -> dict[str, Any]:
    """A mouse click at a point of the viewport, as WebDriver's (classic and BiDi) actions describe it."""
    return {
        "type": "pointer",
        "id": "mouse",
        "parameters": {"pointerType": "mouse"},
        "actions": [
            {"type": "pointerMove", "x": x, "y": y, "origin": "viewport"},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ],
    }


def key_presses(text: str) -> dict[str, Any]:
    """Each key of `text` (a key name from KEYS, or characters) pressed and released in turn."""
    codes = [KEYS[text]] if text in KEYS else list(text)
    actions = [
        step for code in codes for step in ({"type": "keyDown", "value": code}, {"type": "keyUp", "value": code})
    ]
    return {"type": "key", "id": "keyboard", "actions": actions}


class Tab(ABC):
    """A tab of one engine, as the tests use it; every engine implements the first five methods."""

    engine: str

    @abstractmethod
    def navigate(self, url: str) -> None:
        """Go to the address and wait for its load event."""

    @abstractmethod
    def evaluate(self, expression: str) -> Any:
        """The value (JSON) of a JavaScript expression in the page, awaited if it is a promise."""

    @abstractmethod
    def perform(self, action: dict[str, Any]) -> None:
        """Perform one WebDriver input source's actions (pointer or keys), as a reader's input."""

    @abstractmethod
    def reload(self) -> None:
        """Reload the page and wait for its load event."""

    @abstractmethod
    def problems(self) -> list[str]:
        """Every script error, console error, dialog and CSP violation seen in this tab so far."""

    def open(self, url: str) -> None:
        """Open an address as a reader would, by typing it."""
        self.navigate(url)

    def click(self, selector: str) -> None:
        """Click the element near its start, where a thumb lands on the words, once it is scrolled into view."""
        box = self.evaluate(
            f"""(() => {{
                const element = document.querySelector({json.dumps(selector)});
                if (!element) return null;
                element.scrollIntoView({{block: "center", behavior: "instant"}});
                const box = element.getBoundingClientRect();
                return [box.left + Math.min(12, box.width / 2), box.top + Math.min(12, box.height / 2)];
            }})()"""
        )
        assert box is not None, f"{self.engine}: no element matches {selector}"
        self.perform(pointer_click(round(box[0]), round(box[1])))

    def follow(self, selector: str, path: str) -> None:
        """Click a link that loads another document, and wait until that document, at `path`, has loaded.

        Until then the address may already be the new one while its document has no root element yet.
        """
        self.mark_document()
        self.click(selector)
        self.wait_for_new_document(path)

    def mark_document(self) -> None:
        """Mark the document shown now, so that a wait can tell it from the next one."""
        self.evaluate(f"window.{LEFT_MARK} = true")

    def wait_for_new_document(self, path: str) -> None:
        """Wait until the tab shows an unmarked document at `path` whose load is complete."""
        self.wait_for(
            f"window.{LEFT_MARK} === undefined && location.pathname === {json.dumps(path)}"
            " && document.readyState === 'complete'"
        )

    def press(self, key: str) -> None:
        """Press one key (a name from KEYS) in the focused element."""
        self.perform(key_presses(key))

    def type(self, text: str) -> None:
        """Type text into the focused element, one key at a time."""
        self.perform(key_presses(text))

    def wait_for(self, condition: str, timeout: float = STEP_TIMEOUT_S) -> None:
        """Wait until a JavaScript condition holds in the page; fail with the condition if it never does."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({condition})"):
            assert time.monotonic() < deadline, f"{self.engine}: never true within {timeout} s: {condition}"
            time.sleep(POLL_S)

    def wait_for_scripts(self) -> None:
        """Wait until every script and module preload the page holds now has been fetched.

        Leaving a page while one is still coming makes Firefox report the aborted request as an error.
        """
        self.wait_for(
            "[...document.querySelectorAll('script[src], link[rel=modulepreload]')]"
            ".every((e) => performance.getEntriesByName(e.src || e.href).length > 0)"
        )

    def wait_for_app(self) -> None:
        """Wait until the app has taken over the page (it marks the document), so its handlers are attached."""
        self.wait_for(f"document.documentElement.hasAttribute({json.dumps(dom.STARTED)})")
