"""Build step: the site's CSP allows exactly the inline scripts and styles its pages carry, by their hash.

Every page also states the policy in a `<meta>` tag, for static hosts that cannot set headers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from ketaguide_app.build_checks import BuildError, replace_once
from ketaguide_app.headers import ContentSecurityPolicy

STEP = "content security policy"
CHARSET = '<meta charSet="utf-8"/>'
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"/>')
DATA_TYPES = {"application/ld+json", "application/json"}
# Markup the policy would block: inline handlers, style attributes and javascript: URLs.
BLOCKED_ATTRIBUTE = re.compile(r"^(on\w+|style)$")


class _InlineCode(HTMLParser):
    """Collects the text of inline scripts and styles, and anything a hash cannot allow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: set[str] = set()
        self.styles: set[str] = set()
        self.blocked: list[str] = []
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if BLOCKED_ATTRIBUTE.match(name) or (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}=…>")
        inline_script = tag == "script" and "src" not in values and values.get("type") not in DATA_TYPES
        self._open = (tag, []) if inline_script or tag == "style" else None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[0] == tag:
            (self.scripts if tag == "script" else self.styles).add("".join(self._open[1]))
            self._open = None


def inline_code(page: str) -> tuple[set[str], set[str]]:
    """The texts of the page's inline scripts and styles; markup the policy would block stops the build."""
    parser = _InlineCode()
    parser.feed(page)
    parser.close()
    if parser.blocked:
        raise BuildError(STEP, f"inline code a hash cannot allow: {', '.join(parser.blocked)}")
    return parser.scripts, parser.styles


def combined(sources: Iterable[tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
    """The inline scripts and styles of several pages together."""
    scripts: set[str] = set()
    styles: set[str] = set()
    for page_scripts, page_styles in sources:
        scripts |= page_scripts
        styles |= page_styles
    return scripts, styles


def with_csp_meta(page: str, csp: ContentSecurityPolicy) -> str:
    """The page with the policy in a `<meta>` tag right after its charset, before any script."""
    content = html.escape(csp.meta(), quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}"/>'
    return replace_once(STEP, page, CHARSET, CHARSET + meta)


def meta_policy(page: str) -> str | None:
    """The policy a page states in its `<meta>` tag, if any."""
    found = META.search(page)
    return html.unescape(found.group(1)) if found else None
