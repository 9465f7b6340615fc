"""What Reflex made before the plugin changed it, kept in $KETAGUIDE_PRERENDERED_COPY when that names a folder.

The build steps' tests run on these files (tests/fixtures/prerendered/, written by `make fixtures`), and a test
of the exported site compares them with a fresh build, so a Reflex upgrade that changes them cannot go unnoticed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ketaguide_app.settings import settings


def keep(relative: str, content: str) -> None:
    """Keep one file as Reflex wrote it, under its path in .web/."""
    folder = settings().prerendered_copy
    if folder is not None:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def keep_pages(static_dir: Path) -> None:
    """Keep every page Reflex prerendered, as it prerendered it."""
    folder = settings().prerendered_copy
    if folder is not None:
        for page in static_dir.rglob("*.html"):
            target = folder / page.relative_to(static_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)


def kept_first(relative: str, rewrite: Callable[[str], str]) -> Callable[[str], str]:
    """A modify task that keeps the file as Reflex wrote it, then rewrites it."""

    def modify(content: str) -> str:
        keep(relative, content)
        return rewrite(content)

    return modify
