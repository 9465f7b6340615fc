"""Build step: the not-found page as plain HTML, so it never hydrates at an address the router does not know."""

from __future__ import annotations

import re

from ketaguide_app.build_checks import expect_count, sub_all

STEP = "static page"
MODULE_PRELOAD = re.compile(r"<link\b[^>]*\brel=\"modulepreload\"[^>]*/?>")
ANY_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def without_scripts(page: str) -> str:
    """The page with no scripts and no preloaded modules."""
    page = sub_all(STEP, MODULE_PRELOAD, "", page, range(0, 1000))
    page = sub_all(STEP, ANY_SCRIPT, "", page, range(1, 1000))
    expect_count(STEP, "scripts left", page.count("<script"), 0)
    return page
