"""`make preview` as the tests run it: on a copy of a fixture guide, its terminal, its status, stopped by Ctrl-C."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_guides import copy_of_guide
from tests.servers import PYTHON, ROOT, free_port

STATUS_PATH = "/__preview/status"
# A rebuild takes a few seconds here; the first one also prepares the preview's own copy of Reflex's folder.
REBUILD_TIMEOUT_S = 90
STOP_TIMEOUT_S = 10
Status = dict[str, Any]


@dataclass
class Preview:
    """A running `python -m ketaguide_app preview`: its content folder, address, terminal and temporary folder."""

    process: subprocess.Popen[bytes]
    content: Path
    url: str
    out: Path
    err: Path
    temp: Path

    def status(self) -> Status:
        """What the preview's status address says now."""
        with urllib.request.urlopen(self.url + STATUS_PATH, timeout=5) as response:
            status: Status = json.load(response)
            return status

    def wait_for(self, test: Callable[[Status], bool], what: str) -> Status:
        """The first status that passes `test`; fails, quoting the terminal, if none comes in time."""
        deadline = time.monotonic() + REBUILD_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the preview exited ({self.process.returncode}) waiting for {what}:\n{self.terminal()}")
            with contextlib.suppress(OSError):
                status = self.status()
                if test(status):
                    return status
            time.sleep(0.1)
        pytest.fail(f"the preview never reached {what} in {REBUILD_TIMEOUT_S} s:\n{self.terminal()}")

    def rebuilt_after(self, seen: Status) -> Status:
        """The status once a rebuild after `seen` has finished, well or not."""
        return self.wait_for(lambda now: now["rebuilds"] > seen["rebuilds"] and not now["building"], "a rebuild")

    def terminal(self) -> str:
        """What the preview printed: its standard output, then its standard error."""
        return self.out.read_text(errors="replace") + self.err.read_text(errors="replace")

    def stop(self) -> int:
        """Ctrl-C, as an editor stops it: SIGINT to the preview's process alone; its exit status."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            kill_group(self.process)
            pytest.fail(f"the preview did not stop on SIGINT within {STOP_TIMEOUT_S} s:\n{self.terminal()}")

    def group_alive(self) -> bool:
        """Whether any process the preview started (its process group) is still there."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the preview and every process it started, by its process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def start_preview(
    work: Path, content: Path, base_url: str | None = None, *, built: bool = True, as_background_job: bool = False
) -> Preview:
    """Start the preview on `content` and (unless `built` is False) wait for its first good build.

    `as_background_job` starts it as a shell's `cmd &` does, with SIGINT ignored.
    """
    temp = work / "tmp"
    temp.mkdir()
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("KETAGUIDE_")}
    env |= {"KETAGUIDE_CONTENT_DIR": str(content), "TMPDIR": str(temp)}
    if base_url is not None:
        env["KETAGUIDE_BASE_URL"] = base_url
    out, err = work / "preview.out", work / "preview.err"
    command = [str(PYTHON), "-m", "ketaguide_app", "preview", "--port", str(port)]
    if as_background_job:  # the shell ignores SIGINT, and exec keeps it ignored
        command = ["sh", "-c", 'trap "" INT && exec "$@"', "sh", *command]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr, start_new_session=True
        )  # fmt: skip
    preview = Preview(process, content, f"http://127.0.0.1:{port}", out, err, temp)
    if built:
        preview.wait_for(lambda status: status["version"] >= 1, "its first build")
    return preview


@contextlib.contextmanager
def running_preview(work: Path, content: Path, base_url: str | None = None) -> Iterator[Preview]:
    """The preview, stopped (and its processes killed, if it leaves any) on the way out whatever happens."""
    preview = start_preview(work, content, base_url)
    try:
        yield preview
    finally:
        if preview.process.poll() is None:
            kill_group(preview.process)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """The preview on a writable copy of the full fixture guide."""
    with running_preview(tmp_path, copy_of_guide(tmp_path)) as running:
        yield running
