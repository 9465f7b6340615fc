"""Build step: each guide page defers the page script in its head, so its controls work from the first paint.

A deferred script neither blocks the parser nor the first paint, and runs once the page is parsed, before the
`load` event after which the app itself is fetched.
"""

from __future__ import annotations

import html

from ketaguide_app.build_checks import replace_once

STEP = "page script"


def with_page_script(page: str, src: str) -> str:
    """The page with the deferred script at the end of its head."""
    return replace_once(
        STEP, page, "</head>", f'<script defer="" src="{html.escape(src, quote=True)}"></script></head>'
    )
