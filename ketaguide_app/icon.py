"""The site's icon as a `data:` address: the head names it without a request before the text paints."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

# The one image every icon is drawn from.
ICON_SOURCE = Path(__file__).resolve().parents[1] / "assets" / "favicon.svg"
# Kept as they are in a `data:` address; `#` and `<`/`>` are escaped.
UNESCAPED = " /:=',.-"


def icon_address(source: Path = ICON_SOURCE) -> str:
    """The SVG icon, whitespace between its lines dropped, as a `data:image/svg+xml` address."""
    svg = " ".join(line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip())
    return "data:image/svg+xml," + urllib.parse.quote(svg.replace('"', "'"), safe=UNESCAPED)
