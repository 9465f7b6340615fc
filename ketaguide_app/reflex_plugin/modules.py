"""Build step: the site's own browser code (ketaguide_app/js), minified, and the search index, named by content.

The page script (stemmer.js, search.js, page.js and find.js, with their settings) is fetched once each page has
painted, so the keys, show all, sharing and the search work before the app starts; the page modules run once it has.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ketaguide_app.browser import browser_code
from ketaguide_app.reflex_plugin.minify import minified

SOURCES = Path(__file__).resolve().parents[1] / "js"
# Run once the app has started on a page, in this order: the offline copy, then the reading aids.
PAGE_MODULES = ("offline.js", "reading.js")


def write_page_script(site: Path, search_index: str) -> str:
    """Write the page script under /assets/ as `page-<hash>.js`, searching the index at `search_index`."""
    return write_code(site, "page", minified(browser_code(listening=True, search_index=search_index)))


def write_search_index(site: Path, index: str) -> str:
    """Write the search index (JSON) under /assets/ as `search-<hash>.json`; return its address."""
    return write_code(site, "search", index, suffix=".json")


def write_page_modules(site: Path) -> tuple[str, ...]:
    """Write each page module under /assets/ as `<name>-<hash>.js`; return their addresses."""
    return tuple(write_module(site, SOURCES / name) for name in PAGE_MODULES)


def write_module(site: Path, source: Path) -> str:
    """Write one module under a name made of its content (cached for good); return its address."""
    return write_code(site, source.stem, minified(source.read_text(encoding="utf-8"), module=True))


def write_code(site: Path, name: str, code: str, suffix: str = ".js") -> str:
    """Write a file as `/assets/<name>-<hash><suffix>`, named after its content; return its address."""
    path = f"/assets/{name}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:10]}{suffix}"
    (site / path.lstrip("/")).write_text(code, encoding="utf-8")
    return path
