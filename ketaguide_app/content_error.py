"""The one error a content folder raises: it names the file (and line), the entry and the field."""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """The content cannot be published; the message names the file (and line), the entry and the field."""

    def __init__(self, path: Path, entry: str, field: str | None, problem: str, line: int | None = None) -> None:
        """Build the one-line message an editor needs to find and fix the mistake."""
        where = f"{path}:{line}" if line else str(path)
        named = f"{entry}, field {field!r}" if field else entry
        super().__init__(f"{where}: {named}: {problem}")
        self.path, self.entry, self.field, self.problem, self.line = path, entry, field, problem, line
