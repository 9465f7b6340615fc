"""Firefox ESR, driven over WebDriver BiDi, which Firefox speaks itself (no geckodriver, which cannot be installed).

One Firefox per test worker; each tab opens in a user context (a container) of its own, so tests share no
cookies, storage or service worker. Keys reach only a focused tab: the profile sets `focusmanager.testmode`
and every tab is a new one, as Puppeteer does it.
"""

from __future__ import annotations

import itertools
import json
import re
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

from tests.engines import processes
from tests.engines.tab import REPORT_CSP_VIOLATIONS_JS, EngineError, Tab, check_installed
from tests.servers import free_port

FIREFOX = Path("/usr/bin/firefox-esr")
REQUIRED = {FIREFOX: "firefox-esr"}
START_TIMEOUT_S = 30
COMMAND_TIMEOUT_S = 60
PHONE = {"width": 390, "height": 844}
LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")
# Keys in a tab without the window's focus, and nothing fetched from the network but what a test opens.
PREFERENCES = {
    "focusmanager.testmode": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "services.settings.server": "http://127.0.0.1:9/",
    "browser.safebrowsing.update.enabled": False,
    "extensions.update.enabled": False,
}


class BiDi:
    """The BiDi socket: commands answered in order, and the events that arrive meanwhile, kept."""

    def __init__(self, url: str) -> None:
        """Connect and start a session that accepts the test servers' certificates and dismisses any prompt."""
        self.socket: ClientConnection = connect(url + "/session", max_size=None, open_timeout=START_TIMEOUT_S)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        capabilities = {"acceptInsecureCerts": True, "unhandledPromptBehavior": {"default": "dismiss"}}
        self.command("session.new", capabilities={"alwaysMatch": capabilities})
        self.command("session.subscribe", events=["log.entryAdded", "browsingContext.userPromptOpened"])

    def command(self, method: str, **params: Any) -> Any:
        """Send one command, keep the events that come before its answer, and return its result."""
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=COMMAND_TIMEOUT_S))
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == number:
                if message["type"] == "error":
                    raise EngineError(f"firefox {method}: {message['error']}: {message['message']}")
                return message["result"]

    def close(self) -> None:
        """Close the socket."""
        self.socket.close()


class FirefoxTab(Tab):
    """A new tab in a user context of its own, phone-sized, watched from before its pages' own scripts run."""

    engine = "firefox"

    def __init__(self, bidi: BiDi) -> None:
        """Open the tab; its user context gets the CSP reporter as a script that runs before each page's."""
        self.bidi = bidi
        self.user_context = bidi.command("browser.createUserContext")["userContext"]
        bidi.command(
            "script.addPreloadScript",
            functionDeclaration=f"() => {{ {REPORT_CSP_VIOLATIONS_JS} }}",
            userContexts=[self.user_context],
        )
        self.context = bidi.command("browsingContext.create", type="tab", userContext=self.user_context)["context"]
        bidi.command("browsingContext.setViewport", context=self.context, viewport=PHONE, devicePixelRatio=3)

    def navigate(self, url: str) -> None:
        """Go to the address and wait for its load event."""
        self.mark_document()
        self.bidi.command("browsingContext.navigate", context=self.context, url=url, wait="complete")
        self._wait_for_new_document(url)

    def evaluate(self, expression: str) -> Any:
        """The expression's value as JSON, awaited."""
        answer = self.bidi.command(
            "script.evaluate",
            expression=f"(async () => JSON.stringify(await ({expression})))()",
            target={"context": self.context},
            awaitPromise=True,
        )
        if answer["type"] == "exception":
            raise EngineError(f"firefox: {answer['exceptionDetails']['text']} in {expression}")
        result = answer["result"]
        return json.loads(result["value"]) if result["type"] == "string" else None

    def perform(self, action: dict[str, Any]) -> None:
        """Real input events, dispatched by Firefox as a reader's."""
        self.bidi.command("input.performActions", context=self.context, actions=[action])
        self.bidi.command("input.releaseActions", context=self.context)

    def reload(self) -> None:
        """Reload and wait for the load event."""
        self.mark_document()
        address = self.evaluate("location.href")
        self.bidi.command("browsingContext.reload", context=self.context, wait="complete")
        self._wait_for_new_document(address)

    def _wait_for_new_document(self, url: str) -> None:
        # Firefox may answer a navigation served by a service worker while the old document is still there, or
        # the new one still loading: the new document is the one at the address without the mark, once complete.
        self.wait_for_new_document(urllib.parse.urlsplit(url).path or "/")

    def set_offline(self, offline: bool) -> None:
        """Take this tab's network away (Firefox's own emulation), or give it back."""
        conditions = {"type": "offline"} if offline else None
        self.bidi.command("emulation.setNetworkConditions", networkConditions=conditions, contexts=[self.context])

    def problems(self) -> list[str]:
        """Errors and console errors logged in this tab (CSP violations among them) and any prompt it opened."""
        self.bidi.command("session.status")  # brings in the events sent before it
        mine = [event for event in self.bidi.events if _context(event) == self.context]
        return [problem for event in mine if (problem := _problem(event))]

    def close(self) -> None:
        """Close the tab and drop its user context with everything it stored."""
        self.bidi.command("browsingContext.close", context=self.context)
        self.bidi.command("browser.removeUserContext", userContext=self.user_context)


def _context(event: dict[str, Any]) -> str | None:
    params = event["params"]
    return params.get("context") or params.get("source", {}).get("context")


def _problem(event: dict[str, Any]) -> str:
    params = event["params"]
    if event["method"] == "browsingContext.userPromptOpened":
        return f"dialog: {params.get('message', '')}"
    if params.get("level") == "error":
        return f"{params['type']} error: {params.get('text', '')}"
    return ""


class Firefox:
    """One headless Firefox ESR for a test worker, with a profile of its own in `workdir`."""

    def __init__(self, workdir: Path) -> None:
        """Start Firefox and its BiDi session; fail loudly, with the package to install, if it is missing."""
        check_installed(REQUIRED)
        profile = workdir / "profile"
        profile.mkdir()
        (profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in PREFERENCES.items())
        )
        self.log = workdir / "firefox.log"
        command = [str(FIREFOX), "--headless", "--no-remote", "--profile", str(profile)]
        self.process = processes.start([*command, "--remote-debugging-port", str(free_port())], self.log)
        self.bidi = BiDi(self._socket_url())

    @contextmanager
    def tab(self) -> Iterator[FirefoxTab]:
        """A new tab in a user context of its own, closed whatever happens."""
        tab = FirefoxTab(self.bidi)
        try:
            yield tab
        finally:
            tab.close()

    def stop(self) -> None:
        """End the session and stop Firefox."""
        try:
            self.bidi.command("session.end")
            self.bidi.close()
        finally:
            processes.stop(self.process)

    def _socket_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EngineError(f"Firefox exited while starting:\n{self.log.read_text()[-2000:]}")
            if found := LISTENING.search(self.log.read_text(errors="replace")):
                return found.group(1)
            time.sleep(0.1)
        processes.stop(self.process)
        raise EngineError(f"Firefox opened no BiDi socket within {START_TIMEOUT_S} s:\n{self.log.read_text()[-2000:]}")
