"""Build step: the site's own browser modules (ketaguide_app/js), under names made of their content."""

from __future__ import annotations

import hashlib
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "js"
# Run once the app has started on a page, in this order: the offline copy, then the reading aids.
PAGE_MODULES = ("offline.js", "reading.js")


def write_page_modules(site: Path) -> tuple[str, ...]:
    """Write each page module under /assets/ as `<name>-<hash>.js`; return their addresses."""
    return tuple(write_module(site, SOURCES / name) for name in PAGE_MODULES)


def write_module(site: Path, source: Path) -> str:
    """Write one module under a name made of its content (cached for good); return its address."""
    code = source.read_text(encoding="utf-8")
    path = f"/assets/{source.stem}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:10]}.js"
    (site / path.lstrip("/")).write_text(code, encoding="utf-8")
    return path
