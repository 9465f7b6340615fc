"""Chromium driven over its DevTools protocol with no inspector domain turned on, as a reader's browser runs pages.

Playwright and Lighthouse turn on the protocol's Runtime domain. With it on, V8 takes a detailed stack of every
Error a script makes, and React DOM makes five as its module starts: to find their lines V8 re-parses the whole
module on the main thread, in traces at 4× CPU 46–116 ms of the start's longest task, against 1–6 ms with the
domain off (or with those five made without a stack). No reader's browser does that work, so this client only
sends commands (`Runtime.evaluate` works without the domain turned on).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

# Where Chromium writes, once it listens, the port and the browser's path (a file in its profile).
ACTIVE_PORT_FILE = "DevToolsActivePort"
START_TIMEOUT_S = 20
COMMAND_TIMEOUT_S = 60


class ProtocolError(RuntimeError):
    """Chromium answered a command with an error, or not at all."""


class Tab:
    """One page of the browser, and the commands it is sent."""

    def __init__(self, socket: ClientConnection, session: str, ids: Iterator[int]) -> None:
        """A tab attached through `session` on the browser's socket."""
        self.socket, self.session, self.ids = socket, session, ids

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command to the page and wait for its answer (events on the way are dropped)."""
        return _command(self.socket, self.ids, method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited); a thrown error stops the bench."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise ProtocolError(f"{expression[:80]!r} threw: {answer['exceptionDetails'].get('text')}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout_s: float, every_s: float = 0.05) -> None:
        """Wait until the expression is true in the page."""
        deadline = time.monotonic() + timeout_s
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise ProtocolError(f"{expression!r} was still false after {timeout_s} s")
            time.sleep(every_s)


@contextmanager
def chromium_tab() -> Iterator[Tab]:
    """Debian's Chromium, headless in a profile of its own, and one blank tab in it; all gone afterwards."""
    # Chromium's helper processes may still write into the profile for a moment after the browser has exited.
    with tempfile.TemporaryDirectory(prefix="ketaguide-cdp-", ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={profile}", *CHROMIUM_FLAGS],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            with connect(
                _endpoint(Path(profile) / ACTIVE_PORT_FILE), max_size=None, open_timeout=START_TIMEOUT_S
            ) as socket:
                ids = itertools.count(1)
                target = _command(socket, ids, "Target.createTarget", {"url": "about:blank"})["targetId"]
                attached = _command(socket, ids, "Target.attachToTarget", {"targetId": target, "flatten": True})
                yield Tab(socket, attached["sessionId"], ids)
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the browser and every process it started (its own process group), then reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _endpoint(active_port: Path) -> str:
    """The browser's DevTools address, from the file Chromium writes in its profile once it listens."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        lines = active_port.read_text(encoding="utf-8").split() if active_port.exists() else []
        if len(lines) == 2:
            port, path = lines
            return f"ws://127.0.0.1:{port}{path}"
        time.sleep(0.05)
    raise ProtocolError(f"{CHROMIUM} wrote no {ACTIVE_PORT_FILE} within {START_TIMEOUT_S} s")


def _command(
    socket: ClientConnection, ids: Iterator[int], method: str, params: dict[str, Any], session: str | None = None
) -> dict[str, Any]:
    """Send one command and return its result, skipping the events that arrive before it."""
    number = next(ids)
    message: dict[str, Any] = {"id": number, "method": method, "params": params}
    if session:
        message["sessionId"] = session
    deadline = time.monotonic() + COMMAND_TIMEOUT_S
    try:
        socket.send(json.dumps(message))
        while time.monotonic() < deadline:
            answer = json.loads(socket.recv(timeout=COMMAND_TIMEOUT_S))
            if answer.get("id") == number:
                if "error" in answer:
                    raise ProtocolError(f"{method}: {answer['error'].get('message')}")
                return dict(answer.get("result", {}))
    except (WebSocketException, TimeoutError) as error:
        raise ProtocolError(f"{method}: the browser's socket failed ({error!r})") from error
    raise ProtocolError(f"{method}: no answer within {COMMAND_TIMEOUT_S} s")
