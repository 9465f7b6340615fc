"""Build step: the site's own browser code (ketaguide_app/js), under names made of their content.

The page script (search.js and page.js, with their settings) is deferred in each page's head, so the keys, show
all and sharing work before the app starts; the page modules run once it has.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ketaguide_app.browser import browser_code

SOURCES = Path(__file__).resolve().parents[1] / "js"
# Run once the app has started on a page, in this order: the offline copy, then the reading aids.
PAGE_MODULES = ("offline.js", "reading.js")


def write_page_script(site: Path) -> str:
    """Write the page script under /assets/ as `page-<hash>.js`; return its address."""
    return write_code(site, "page", browser_code(listening=True))


def write_page_modules(site: Path) -> tuple[str, ...]:
    """Write each page module under /assets/ as `<name>-<hash>.js`; return their addresses."""
    return tuple(write_module(site, SOURCES / name) for name in PAGE_MODULES)


def write_module(site: Path, source: Path) -> str:
    """Write one module under a name made of its content (cached for good); return its address."""
    return write_code(site, source.stem, source.read_text(encoding="utf-8"))


def write_code(site: Path, name: str, code: str) -> str:
    """Write a script as `/assets/<name>-<hash>.js`; return its address."""
    path = f"/assets/{name}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:10]}.js"
    (site / path.lstrip("/")).write_text(code, encoding="utf-8")
    return path
