"""The programs an engine runs, each in a process group of its own, stopped by its own pid."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

STOP_TIMEOUT_S = 10


def start(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start a program in a new process group (so its children stop with it), its output in `log`."""
    with log.open("wb") as output:
        return subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the program and every process it started, killing them if they linger."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
            return
        except subprocess.TimeoutExpired:
            continue
