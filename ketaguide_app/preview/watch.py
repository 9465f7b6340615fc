"""Saves in the content folder, watched with watchfiles: one rebuild per burst, the folder watched anew if remade.

Editors' leftovers (swap files, backups ending in `~`, `.DS_Store`) are left out by watchfiles' default filter, as
the content loader leaves them out.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

# A burst of saves (an editor's "save all", a `git checkout`) ends once nothing changed for STEP_MS; however
# long it lasts, its changes are handed over after DEBOUNCE_MS at the latest.
STEP_MS = 50
DEBOUNCE_MS = 1000
# How often, with nothing saved, the watch looks up from its wait: to see that the folder it watches is still the
# content folder (a deleted folder made again is another one, unwatched until the watch starts anew).
LOOK_UP_MS = 500
SHOWN_NAMES = 3
Changes = set[tuple[watchfiles.Change, str]]
Rebuild = Callable[[str], None]


def rebuild_on_save(content: Path, stop: threading.Event, rebuild: Rebuild) -> None:
    """Build once the watch is on, then once per burst of saves, until `stop` is set (or Ctrl-C)."""
    reason = "the first build"
    while not stop.is_set():
        if content.is_dir():
            watch_folder(content, stop, rebuild, reason)
        else:
            rebuild(reason)  # it says that the folder is missing
        wait_for_folder(content, stop)
        reason = "the content folder was made again"


def watch_folder(content: Path, stop: threading.Event, rebuild: Rebuild, reason: str) -> None:
    """Rebuild for `reason` once the watch is on, then for each burst; return once the folder is not this one."""
    watched = identity(content)
    pending: str | None = reason
    try:
        for changes in _watch(content, stop, recursive=True):
            if pending or changes:
                rebuild(pending or described(changes))
                pending = None
            if identity(content) != watched:
                return
    except FileNotFoundError:  # gone before the watch began
        return


def wait_for_folder(content: Path, stop: threading.Event) -> None:
    """Return once `content` is a folder (at once if it is), watching the folder it belongs in."""
    while not content.is_dir() and not stop.is_set():
        if not content.parent.is_dir():
            stop.wait(LOOK_UP_MS / 1000)
            continue
        for _ in _watch(content.parent, stop, recursive=False):
            if content.is_dir() or not content.parent.is_dir():
                break


def _watch(folder: Path, stop: threading.Event, *, recursive: bool) -> Iterator[Changes]:
    return watchfiles.watch(
        folder,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=LOOK_UP_MS,
        yield_on_timeout=True,
        recursive=recursive,
        ignore_permission_denied=True,
    )


def identity(folder: Path) -> tuple[int, int] | None:
    """Which folder is at this path now (device and inode), or None when there is none."""
    try:
        status = os.stat(folder)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def described(changes: Changes) -> str:
    """How many files changed and which, for the terminal."""
    paths = sorted({Path(path) for _, path in changes})
    more = len(paths) - SHOWN_NAMES
    shown = ", ".join(path.name for path in paths[:SHOWN_NAMES]) + (f" and {more} more" if more > 0 else "")
    return f"{len(paths)} changed ({shown})"
