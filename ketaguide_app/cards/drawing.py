"""A card's picture: its layout as SVG in the site's light colours, drawn to PNG by resvg with the shipped fonts only.

resvg (the `resvg-py` wheel, which already draws the app icons) shapes text with rustybuzz, HarfBuzz's port, and
orders right-to-left text itself; it reads no system font and fetches nothing, so a card is the same on every
machine. It lacks CSS `direction`, so a right-to-left line is isolated with U+2067…U+2069 and anchored right.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from xml.sax.saxutils import escape, quoteattr

import resvg_py

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.fonts import FONTS, STEP
from ketaguide_app.cards.layout import FOOTER_HEIGHT, HEIGHT, MARGIN, WIDTH, CardLayout, Line
from ketaguide_app.styles import STYLESHEET

RENDERER = f"resvg-py {version('resvg-py')}"
RIGHT_TO_LEFT_ISOLATE, POP_ISOLATE = "\u2067", "\u2069"
# The light theme's colours, as the stylesheet's first rule names them.
COLOUR_NAMES = ("bg", "fg", "muted", "accent", "accent-bg")
ACCENT_BAR = 16


def site_colours(css: str | None = None) -> dict[str, str]:
    """The light theme's colours from styles.css (`--bg`, `--fg`, …); a missing one stops the build."""
    css = STYLESHEET.read_text(encoding="utf-8") if css is None else css
    root = re.search(r":root\{([^}]*)\}", css)
    declared = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{3,8})", root.group(1))) if root else {}
    missing = [name for name in COLOUR_NAMES if name not in declared]
    if missing:
        raise BuildError(STEP, f"styles.css declares no --{', --'.join(missing)} in its first :root rule", STYLESHEET)
    return {name: declared[name] for name in COLOUR_NAMES}


def text_element(line: Line, fill: str) -> str:
    """One line as an SVG <text>: each run in its font, anchored at the side it starts from."""
    spans = "".join(
        f"<tspan font-family={quoteattr(run.metrics.font.family)}>{escape(run.text)}</tspan>" for run in line.runs
    )
    if line.rtl:
        spans = RIGHT_TO_LEFT_ISOLATE + spans + POP_ISOLATE
    x, anchor = (WIDTH - MARGIN, "end") if line.rtl else (MARGIN, "start")
    return (
        f'<text x="{x}" y="{line.baseline:.1f}" font-size="{line.size}" font-weight="{line.weight}" '
        f'text-anchor="{anchor}" fill="{fill}">{spans}</text>'
    )


def svg(layout: CardLayout, colours: dict[str, str]) -> str:
    """The card as SVG: the page's background, an accent bar, the text, and the guide's name on an accent band."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{colours["bg"]}"/>',
        f'<rect width="{WIDTH}" height="{ACCENT_BAR}" fill="{colours["accent"]}"/>',
        f'<rect y="{HEIGHT - FOOTER_HEIGHT}" width="{WIDTH}" height="{FOOTER_HEIGHT}" fill="{colours["accent"]}"/>',
        *(text_element(line, colours["accent"]) for line in layout.kicker),
        *(text_element(line, colours["fg"]) for line in layout.title),
        *(text_element(line, colours["muted"]) for line in layout.subtitle),
        *(text_element(line, colours["bg"]) for line in layout.footer),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def draw(drawing: str) -> bytes:
    """The SVG drawn to a 1200 × 630 PNG with the shipped fonts alone."""
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=drawing,
            width=WIDTH,
            height=HEIGHT,
            skip_system_fonts=True,
            font_files=[str(font.path) for font in FONTS],
        )
    except ValueError as error:
        raise BuildError(STEP, f"resvg cannot draw a card: {error}") from None
    return bytes(png)
