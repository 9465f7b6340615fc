"""Build step: the site's stylesheet inlined into each page's head, so its text paints without another request.

It is a few KiB, and every page needs all of it: a separate file would cost a round trip before the first paint,
the one thing a hand-written page does not pay. The CSP allows the inline style by its hash.
"""

from __future__ import annotations

import re

from ketaguide_app.build_checks import BuildError, replace_once

STEP = "inline styles"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def minified(stylesheet: str) -> str:
    """The stylesheet without its comments and line breaks (it is written compactly already)."""
    css = COMMENT.sub("", stylesheet)
    if "</" in css:
        raise BuildError(STEP, "the stylesheet holds '</', which would end its <style> element early")
    return "".join(line.strip() for line in css.splitlines())


def with_inline_styles(page: str, css: str) -> str:
    """The page with the stylesheet in a `<style>` at the end of its head, and no stylesheet link."""
    if 'rel="stylesheet"' in page:
        raise BuildError(STEP, "the page still links a stylesheet that would block its first paint")
    return replace_once(STEP, page, "</head>", f"<style>{css}</style></head>")
