"""Build step: the site's own browser code (ketaguide_app/js), minified, and the search index, named by content.

The page script (stemmer.js, search.js, page.js and find.js, with their settings) is fetched once each page has
painted, so the keys, show all, sharing and the search work before the app starts; the page modules run once it has.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ketaguide_app.browser import browser_code
from ketaguide_app.reflex_plugin.minify import Script, minified_all

SOURCES = Path(__file__).resolve().parents[1] / "js"
# Run once the app has started on a page, in this order: the offline copy, then the reading aids.
PAGE_MODULES = ("offline.js", "reading.js")


@dataclass(frozen=True)
class BrowserCode:
    """The site's own browser code, minified: the page script's and the page modules' addresses, the loader's code."""

    script: str
    modules: tuple[str, ...]
    loader: str


def write_browser_code(site: Path, search_index: str, loader: str) -> BrowserCode:
    """The page script (searching the index at `search_index`), the page modules and `loader`, minified in one run.

    The script is written as `page-<hash>.js` and each module as `<name>-<hash>.js` under /assets/.
    """
    sources = [SOURCES / name for name in PAGE_MODULES]
    script, *modules, small_loader = minified_all(
        [
            Script(browser_code(listening=True, search_index=search_index)),
            *(Script(source.read_text(encoding="utf-8"), module=True) for source in sources),
            Script(loader),
        ]
    )
    return BrowserCode(
        script=write_code(site, "page", script),
        modules=tuple(write_code(site, source.stem, code) for source, code in zip(sources, modules, strict=True)),
        loader=small_loader,
    )


def write_search_index(site: Path, index: str) -> str:
    """Write the search index (JSON) under /assets/ as `search-<hash>.json`; return its address."""
    return write_code(site, "search", index, suffix=".json")


def write_code(site: Path, name: str, code: str, suffix: str = ".js") -> str:
    """Write a file as `/assets/<name>-<hash><suffix>`, named after its content; return its address."""
    path = f"/assets/{name}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:10]}{suffix}"
    (site / path.lstrip("/")).write_text(code, encoding="utf-8")
    return path
