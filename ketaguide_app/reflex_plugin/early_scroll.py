"""Build step: a topic page is scrolled to its topic as soon as it is parsed, before any JavaScript arrives."""

from __future__ import annotations

import html

from ketaguide_app.build_checks import replace_once

STEP = "early scroll"

# The same code on every topic page (one CSP hash); it does nothing when the page is already scrolled
# (a reader who moved, or a position the browser restored), when the address names a part of the page, or on a
# reload or a step back or forward, where the browser puts the reader back where they were (Firefox gives up its
# own restoring once a script has scrolled).
SCROLL = (
    "(() => {"
    "const e = document.getElementById(document.currentScript.dataset.scrollTo);"
    'const returning = ["reload", "back_forward"].includes(performance.getEntriesByType("navigation")[0]?.type);'
    "if (e && !scrollY && !location.hash && !returning) e.scrollIntoView();"
    "})();"
)


def with_early_scroll_to(page: str, element_id: str) -> str:
    """The page with a script at the end of its body that scrolls to `element_id`."""
    script = f'<script data-scroll-to="{html.escape(element_id, quote=True)}">{SCROLL}</script>'
    return replace_once(STEP, page, "</body>", script + "</body>")
