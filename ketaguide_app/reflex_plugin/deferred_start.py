"""Build step: a page fetches its JavaScript after the load event, so its text paints before any script arrives.

React Router's start-up module moves from an inline script into a content-hashed file under /assets/, which the
browser caches for good and the CSP allows as the site's own; the inline loader left in its place is the same on
every page, so one hash in the policy covers it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass

from ketaguide_app.build_checks import BuildError, expect_count, sub_all
from ketaguide_app.dom import STARTED_EVENT

STEP = "deferred start"
MODULE_PRELOAD = re.compile(r"<link\b[^>]*\brel=\"modulepreload\"[^>]*/?>")
PRELOAD_HREF = re.compile(r"\bhref=\"(/[^\"]+\.js)\"")
APP_START = re.compile(r"<script type=\"module\"[^>]*>(.*?)</script>", re.DOTALL)
START_MODULE_DIR = "assets"

# Adds the page's module preloads and its start-up module once the page has loaded, and the site's own
# modules once the app has started (it says so with STARTED_EVENT).
LOADER = (
    "(() => {"
    "const {modules, start, after} = document.currentScript.dataset;"
    'const add = (src) => { const module = document.createElement("script");'
    ' module.type = "module"; module.src = src; document.body.appendChild(module); };'
    "const run = () => {"
    "for (const href of JSON.parse(modules)) {"
    'const link = document.createElement("link"); link.rel = "modulepreload"; link.href = href;'
    "document.head.appendChild(link);"
    "}"
    f'document.addEventListener("{STARTED_EVENT}",'
    ' () => after.split(" ").filter(Boolean).forEach(add), {once: true});'
    "add(start);"
    "};"
    'if (document.readyState === "complete") run(); else addEventListener("load", run, {once: true});'
    "})();"
)


@dataclass(frozen=True)
class StartModule:
    """React Router's start-up code for one page, as a file named after its content."""

    code: str

    @property
    def path(self) -> str:
        """Where the file is served, e.g. `/assets/start-0123456789.js`."""
        digest = hashlib.sha256(self.code.encode("utf-8")).hexdigest()[:10]
        return f"/{START_MODULE_DIR}/start-{digest}.js"


def start_after_load(page: str, *, also: tuple[str, ...] = ()) -> tuple[str, StartModule]:
    """The page without module preloads or inline start-up code, and the start-up module it now loads.

    `also` names modules of the site's own that the page runs once the app has started.
    """
    hrefs = []
    for link in MODULE_PRELOAD.findall(page):
        href = PRELOAD_HREF.search(link)
        if href is None:
            raise BuildError(STEP, f"a module preload without a double-quoted /….js href: {link}")
        hrefs.append(href.group(1))
    page = sub_all(STEP, MODULE_PRELOAD, "", page, range(1, 1000))
    starts = APP_START.findall(page)
    expect_count(STEP, "inline module scripts (the app's start-up code)", len(starts), 1)
    module = StartModule(starts[0])
    page = APP_START.sub(lambda _: loader_script(hrefs, module.path, also), page, count=1)
    return page, module


def loader_script(modules: list[str], start: str, after: tuple[str, ...]) -> str:
    """The inline loader: the same code on every page, its modules in data attributes."""
    listed = html.escape(json.dumps(modules, separators=(",", ":")), quote=True)
    then = html.escape(" ".join(after))
    return f'<script data-modules="{listed}" data-start="{html.escape(start)}" data-after="{then}">{LOADER}</script>'
