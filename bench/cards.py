"""How long the link-preview cards take: laid out, drawn with no cache (a first build), copied from it (a rebuild)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ketaguide_app.cards.card import every_card
from ketaguide_app.cards.files import write_cards
from ketaguide_app.models import Guide


def measure(guide: Guide) -> dict:
    """Seconds to lay out every page's card, to draw them all into an empty cache, and to rebuild from that cache."""
    started = time.monotonic()
    cards = every_card(guide)
    laid_out = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ketaguide-cards-") as work:
        site, cache = Path(work) / "site", Path(work) / "cache"
        drawn = write_cards(site, cards, cache)
        first = time.monotonic()
        redrawn = write_cards(site, cards, cache)
        again = time.monotonic()
        sizes = [path.stat().st_size for path in site.rglob("*.png")]
    return {
        "count": len(cards),
        "layout_s": laid_out - started,
        "first_build_s": first - laid_out,
        "drawn": drawn,
        "rebuild_s": again - first,
        "redrawn": redrawn,
        "largest_bytes": max(sizes),
    }
