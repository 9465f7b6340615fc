"""What the preview has to say, shared by the rebuilds and the server: the build served, the count, the mistake."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Snapshot:
    """One moment of the preview: the last good build and its number, the rebuilds tried, the mistake shown."""

    version: int = 0
    rebuilds: int = 0
    error: str | None = None
    building: bool = False
    site: Path | None = None

    def public(self) -> dict[str, Any]:
        """What the preview's page and its tests are told (no paths)."""
        return {"version": self.version, "rebuilds": self.rebuilds, "error": self.error, "building": self.building}


class Status:
    """The preview's current snapshot; readers wait for the next one."""

    def __init__(self) -> None:
        """Nothing built yet."""
        self._snapshot = Snapshot()
        self._changed = threading.Condition()

    def now(self) -> Snapshot:
        """The current snapshot."""
        with self._changed:
            return self._snapshot

    def building(self) -> None:
        """A rebuild has started."""
        self._update(building=True)

    def built(self, site: Path) -> None:
        """A rebuild succeeded: its site is served from now on, and no mistake is shown."""
        now = self.now()
        self._update(version=now.version + 1, rebuilds=now.rebuilds + 1, error=None, building=False, site=site)

    def failed(self, message: str) -> None:
        """A rebuild failed: the last good site stays, with the message over it."""
        self._update(rebuilds=self.now().rebuilds + 1, error=message, building=False)

    def next_after(self, seen: Snapshot, timeout: float) -> Snapshot:
        """The first snapshot other than `seen`, or the current one once `timeout` seconds have passed."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot != seen, timeout=timeout)
            return self._snapshot

    def _update(self, **changes: Any) -> None:
        with self._changed:
            self._snapshot = replace(self._snapshot, **changes)
            self._changed.notify_all()
