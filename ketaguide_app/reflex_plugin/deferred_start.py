"""Build step: a page fetches no script before its first paint, so its text paints as soon as a static page's would.

The head's link that browsers fetch by themselves (the manifest, and with it the icons it names) waits in a
`<noscript>`, which serves it as it is to a reader without JavaScript. Once the page is parsed and painted,
the inline loader adds them, then the page script (keys, show all, sharing, search);
once the page has loaded and that script has run, React Router's start-up module. That module moves from an
inline script into a content-hashed file under /assets/, which the browser caches for good and the CSP allows
as the site's own; the loader is the same on every page, so one hash in the policy covers it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass

from ketaguide_app.build_checks import BuildError, expect_count, sub_all
from ketaguide_app.dom import START_FAILED_EVENT, STARTED_EVENT, UNAVAILABLE

STEP = "deferred start"
MODULE_PRELOAD = re.compile(r"<link\b[^>]*\brel=\"modulepreload\"[^>]*/?>")
PRELOAD_HREF = re.compile(r"\bhref=\"(/[^\"]+\.js)\"")
APP_START = re.compile(r"<script type=\"module\"[^>]*>(.*?)</script>", re.DOTALL)
# React Router's start-up code ends by importing the app's entry module, and nothing hears if that fails.
ENTRY_IMPORT = re.compile(r"\bimport\((\"/[^\"]+\.js\")\);")
START_MODULE_DIR = "assets"
# The head's links that a browser follows by itself as soon as it reads them (the icon is in the page).
FETCHED_BY_THE_BROWSER = ("manifest",)
HEAD_LINK = re.compile(r'<link\b[^>]*\brel="(?P<rel>[^"]+)"[^>]*/?>')
HELD = "data-after-paint"
# How long after two frames the loader goes on when the browser has reported no paint: long enough that where
# paints are reported (Chromium, as Lighthouse measures), the report comes first.
UNREPORTED_PAINT_WAIT_MS = 300
# A page script or start-up module that failed to arrive (a flaky phone network) is asked for again, this many
# times, this long apart (once the browser is back online, if it is not): until the page script runs, the controls
# it drives are not offered; until the app starts, the FAQ field says its results are on their way.
SCRIPT_RETRIES = 3
SCRIPT_RETRY_MS = 2000

# Adds the page script once the page is parsed and the browser has reported its first contentful paint (where it
# reports none, as Firefox after a link from another page, two frames and a moment later; a page in a background
# tab, which paints nothing, gets it at once); then,
# once the page has loaded and that script has run, in a task of their own, the page's module preloads and its
# start-up module; and the site's own modules once the app has started (it says so with STARTED_EVENT). A page
# script that fails to load is asked for again (SCRIPT_RETRIES), and so is the start-up module, when it or a module
# it imports fails to load or it says the app's entry module did (START_FAILED_EVENT); a retried module has a query
# of its own (`?try=1`), so that it runs again.
LOADER = (
    "(() => {"
    "const {script, modules, start, after} = document.currentScript.dataset;"
    'const add = (src, type) => { const element = document.createElement("script");'
    " if (type) element.type = type; element.src = src; document.body.appendChild(element); return element; };"
    "const when = (ready, event, then) => (ready() ? then() : addEventListener(event, then, {once: true}));"
    "const painted = (then) => {"
    "let done = false;"
    "const once = () => { if (!done) { done = true; then(); } };"
    'if (document.visibilityState === "hidden") return once();'
    f"requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(once, {UNREPORTED_PAINT_WAIT_MS})));"
    "const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];"
    'if (types.includes("paint")) new PerformanceObserver((list) => {'
    'if (list.getEntriesByName("first-contentful-paint").length) once();'
    '}).observe({type: "paint", buffered: true});'
    "};"
    "const addHeldLinks = () => {"
    f'for (const held of document.querySelectorAll("noscript[{HELD}]"))'
    ' document.head.insertAdjacentHTML("beforeend", held.textContent);'
    "};"
    "const retry = (tries, again) => {"
    f'if (!tries) return document.documentElement.setAttribute("{UNAVAILABLE}", "");'
    'if (navigator.onLine === false) addEventListener("online", () => again(tries - 1), {once: true});'
    f"else setTimeout(() => again(tries - 1), {SCRIPT_RETRY_MS});"
    "};"
    "const startApp = (tries, attempt) => {"
    'const element = add(attempt ? `${start}?try=${attempt}` : start, "module");'
    "let failed = false;"
    "const fail = () => {"
    "if (failed) return;"
    "failed = true; element.remove();"
    "retry(tries, (left) => startApp(left, attempt + 1));"
    "};"
    "element.onerror = fail;"
    f'document.addEventListener("{START_FAILED_EVENT}", fail, {{once: true}});'
    "};"
    "const begin = () => {"
    "for (const href of JSON.parse(modules)) {"
    'const link = document.createElement("link"); link.rel = "modulepreload"; link.href = href;'
    "document.head.appendChild(link);"
    "}"
    f'document.addEventListener("{STARTED_EVENT}",'
    ' () => after.split(" ").filter(Boolean).forEach((src) => add(src, "module")), {once: true});'
    f"startApp({SCRIPT_RETRIES}, 0);"
    "};"
    "const run = (tries) => {"
    "const element = add(script);"
    'element.onload = () => setTimeout(() => when(() => document.readyState === "complete", "load", begin));'
    "element.onerror = () => { element.remove(); retry(tries, run); };"
    "};"
    'when(() => document.readyState !== "loading", "DOMContentLoaded", () => painted(() => {'
    "addHeldLinks();"
    f"run({SCRIPT_RETRIES});"
    "}));"
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


def start_after_paint(
    page: str, *, script: str, also: tuple[str, ...] = (), loader: str = LOADER
) -> tuple[str, StartModule]:
    """The page without module preloads or inline start-up code, and the start-up module it now loads.

    `script` is the page script it adds once painted; `also` names modules of the site's own that it runs once
    the app has started; `loader` is LOADER as the site ships it (minified).
    """
    page = links_after_paint(page)
    hrefs = []
    for link in MODULE_PRELOAD.findall(page):
        href = PRELOAD_HREF.search(link)
        if href is None:
            raise BuildError(STEP, f"a module preload without a double-quoted /….js href: {link}")
        hrefs.append(href.group(1))
    page = sub_all(STEP, MODULE_PRELOAD, "", page, range(1, 1000))
    starts = APP_START.findall(page)
    expect_count(STEP, "inline module scripts (the app's start-up code)", len(starts), 1)
    module = StartModule(with_failure_reported(starts[0]))
    page = APP_START.sub(lambda _: loader_script(loader, script, hrefs, module.path, also), page, count=1)
    return page, module


def with_failure_reported(start: str) -> str:
    """React Router's start-up code, sending START_FAILED_EVENT if its import of the entry module fails."""
    report = f'.catch(() => document.dispatchEvent(new Event("{START_FAILED_EVENT}")));'
    return sub_all(STEP, ENTRY_IMPORT, r"import(\1)" + report, start, 1)


def links_after_paint(page: str) -> str:
    """The page with its manifest link held in a `<noscript>` in the head, where it was."""
    head_end = page.find("</head>")
    found = [link for link in HEAD_LINK.finditer(page, 0, head_end) if link.group("rel") in FETCHED_BY_THE_BROWSER]
    rels = sorted(link.group("rel") for link in found)
    if rels != sorted(FETCHED_BY_THE_BROWSER):
        raise BuildError(STEP, f"expected one head link of each rel in {FETCHED_BY_THE_BROWSER}, found {rels}")
    held = f'<noscript {HELD}="">{"".join(link.group(0) for link in found)}</noscript>'
    for link in reversed(found):
        page = page[: link.start()] + (held if link is found[0] else "") + page[link.end() :]
    return page


def loader_script(loader: str, script: str, modules: list[str], start: str, after: tuple[str, ...]) -> str:
    """The inline loader: the same code on every page, its scripts and modules in data attributes."""
    listed = html.escape(json.dumps(modules, separators=(",", ":")), quote=True)
    then = html.escape(" ".join(after))
    return (
        f'<script data-script="{html.escape(script)}" data-modules="{listed}" data-start="{html.escape(start)}"'
        f' data-after="{then}">{loader}</script>'
    )
