"""WebKit as on every iPhone: WebKitGTK's MiniBrowser, driven by WebKitWebDriver (classic WebDriver over HTTP).

WebKitWebDriver has no log, no script run before a page's own and no network emulation: the tab installs its
watch (errors, console errors, CSP violations) in each page it scripts, as soon as it first scripts it, and a
test that needs the network gone stops the server instead.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.engines import processes
from tests.engines.display import XVFB, focus_follows_pointer, start_display
from tests.engines.tab import REPORT_CSP_VIOLATIONS_JS, EngineError, Tab, check_installed
from tests.servers import free_port

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
REQUIRED = {WEBKIT_DRIVER: "webkit2gtk-driver", XVFB: "xvfb"}
COMMAND_TIMEOUT_S = 60
START_TIMEOUT_S = 10
PHONE_WINDOW = {"width": 390, "height": 844}
WINDOW_POINT = (200, 300)  # inside the window, which opens at the top left of the display
# Collects what a page must never do into an array the tab drains with every script it runs.
WATCH_JS = f"""if (!window.__problems) {{
  window.__problems = [];
  const note = (text) => window.__problems.push(text);
  addEventListener("error", (e) => note(`page error: ${{e.message}}`));
  addEventListener("unhandledrejection", (e) => note(`page error: ${{e.reason}}`));
  const error = console.error.bind(console);
  console.error = (...args) => {{ note(`console error: ${{args.join(" ")}}`); error(...args); }};
  {REPORT_CSP_VIOLATIONS_JS}
}}"""
# Runs an expression after installing the watch; answers its value as JSON and what the watch collected.
EVALUATE_JS = """const done = arguments[0];
WATCH
Promise.resolve().then(() => (EXPRESSION)).then(
  (value) => done({value: JSON.stringify(value), problems: window.__problems.splice(0)}),
  (error) => done({error: String(error), problems: window.__problems.splice(0)}));"""


class WebDriverSession:
    """One WebDriver session of WebKitWebDriver: a fresh MiniBrowser with nothing stored."""

    def __init__(self, base: str) -> None:
        """Start a session (a new browser window) on the driver at `base`."""
        self.base = base
        options = {"args": ["--automation"]}
        capabilities = {"webkitgtk:browserOptions": options, "unhandledPromptBehavior": "dismiss and notify"}
        answer = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.path = f"/session/{answer['sessionId']}"

    def command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One command of this session; fails with the driver's own message."""
        return self._call(method, self.path + path, body)

    def end(self) -> None:
        """End the session: its browser closes."""
        self._call("DELETE", self.path, None)

    def _call(self, method: str, path: str, body: dict[str, Any] | None) -> Any:
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=COMMAND_TIMEOUT_S) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            value = json.loads(error.read())["value"]
            raise EngineError(f"WebKitWebDriver {method} {path}: {value['error']}: {value['message']}") from None


class WebKitTab(Tab):
    """A MiniBrowser window of its own session."""

    engine = "webkit"

    def __init__(self, session: WebDriverSession) -> None:
        """A tab in a fresh session, sized as a phone (the window cannot be narrower than its toolbar allows)."""
        self.session = session
        self.seen: list[str] = []
        session.command("POST", "/window/rect", PHONE_WINDOW)

    def navigate(self, url: str) -> None:
        """Go to the address; the driver answers after the load event, and the watch starts in the new page."""
        self.session.command("POST", "/url", {"url": url})
        self.evaluate("1")

    def evaluate(self, expression: str) -> Any:
        """The expression's value, after draining what the page's watch collected."""
        script = EVALUATE_JS.replace("WATCH", WATCH_JS).replace("EXPRESSION", expression)
        answer = self.session.command("POST", "/execute/async", {"script": script, "args": []})
        self.seen.extend(answer["problems"])
        if "error" in answer:
            raise EngineError(f"webkit: {answer['error']} in {expression}")
        return None if answer.get("value") is None else json.loads(answer["value"])

    def perform(self, action: dict[str, Any]) -> None:
        """Real input events, as WebKit's automation sends them to the window."""
        self.session.command("POST", "/actions", {"actions": [action]})
        self.session.command("DELETE", "/actions")

    def reload(self) -> None:
        """Reload; the driver answers after the load event."""
        self.evaluate("1")  # drains the watch of the page that is going away
        self.session.command("POST", "/refresh")

    def problems(self) -> list[str]:
        """What the watch collected in every page scripted so far."""
        self.evaluate("1")
        return list(self.seen)


class WebKit:
    """Xvfb and WebKitWebDriver for one test worker; each tab is a session of its own, so it shares nothing."""

    def __init__(self, workdir: Path) -> None:
        """Start the display and the driver; fail loudly, with the packages to install, if either is missing."""
        check_installed(REQUIRED)
        self.display, self.display_name = start_display(workdir / "xvfb.log")
        port = free_port()
        self.log = workdir / "webkitwebdriver.log"
        env = os.environ | {"DISPLAY": self.display_name}
        self.driver = processes.start([str(WEBKIT_DRIVER), f"--port={port}"], self.log, env)
        self.base = f"http://127.0.0.1:{port}"
        self._wait_until_listening()

    @contextmanager
    def tab(self) -> Iterator[WebKitTab]:
        """A fresh browser session for one test, ended whatever happens."""
        session = WebDriverSession(self.base)
        focus_follows_pointer(self.display_name, *WINDOW_POINT)
        try:
            yield WebKitTab(session)
        finally:
            session.end()

    def stop(self) -> None:
        """Stop the driver (and any browser it still runs), then the display."""
        for process in (self.driver, self.display):
            processes.stop(process)

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.driver.poll() is not None:
                raise EngineError(f"WebKitWebDriver exited while starting:\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/status", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise EngineError(f"WebKitWebDriver did not answer within {START_TIMEOUT_S} s")
