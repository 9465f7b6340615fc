"""Waits for saves in the content folder (watchfiles) and hands each burst of them to one rebuild."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

# A burst of saves (an editor's "save all", a `git checkout`) ends once nothing changed for STEP_MS; however
# long it lasts, its changes are handed over after DEBOUNCE_MS at the latest.
STEP_MS = 150
DEBOUNCE_MS = 1000
Changes = set[tuple[watchfiles.Change, str]]


def bursts(content: Path, stop: threading.Event) -> Iterable[Changes]:
    """Each burst of changes under `content` (editors' leftovers aside), until `stop` is set."""
    return watchfiles.watch(
        content,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        raise_interrupt=False,
        ignore_permission_denied=True,
    )


def rebuild_on_save(content: Path, stop: threading.Event, rebuild: Callable[[Changes], None]) -> None:
    """Call `rebuild` once per burst of saves, until `stop` is set; saves made during a rebuild make one more."""
    for changes in bursts(content, stop):
        rebuild(changes)
