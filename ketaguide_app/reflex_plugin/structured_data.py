"""Build step: each guide page carries its schema.org JSON-LD in the HTML, where crawlers read it."""

from __future__ import annotations

from ketaguide_app.build_checks import replace_once

STEP = "structured data"


def with_structured_data(page: str, json_ld: str) -> str:
    """The page with a JSON-LD script at the end of its head (`<` escaped so no text can end it early)."""
    escaped = json_ld.replace("<", "\\u003c")
    return replace_once(STEP, page, "</head>", f'<script type="application/ld+json">{escaped}</script></head>')
