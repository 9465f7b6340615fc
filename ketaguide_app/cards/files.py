"""Build step: every page's card as a PNG in the site folder, drawn only when no earlier build drew the same one.

Drawn cards are kept in a cache folder by the digest of their inputs; a build copies those it finds there.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.card import Card
from ketaguide_app.cards.drawing import draw
from ketaguide_app.cards.fonts import STEP

CACHE_DIR = Path(__file__).resolve().parents[2] / ".web" / "ketaguide-cards"
# WhatsApp drops preview images over a few hundred KB; every card stays well under that.
MAX_BYTES = 100 * 1024


def write_cards(site: Path, cards: Iterable[Card], cache: Path = CACHE_DIR) -> int:
    """Put each card at its address in `site`; return how many had to be drawn (the rest came from `cache`)."""
    drawn = 0
    cache.mkdir(parents=True, exist_ok=True)
    for card in cards:
        kept = cache / f"{card.digest}.png"
        if not kept.is_file():
            keep(kept, checked(card, draw(card.drawing)))
            drawn += 1
        target = site / card.address.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(kept.read_bytes())
    return drawn


def checked(card: Card, png: bytes) -> bytes:
    """The drawn card, if it is small enough for every chat app."""
    if len(png) > MAX_BYTES:
        raise BuildError(STEP, f"the card of {card.name!r} is {len(png)} bytes, over {MAX_BYTES}")
    return png


def keep(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all: builds in parallel never read half of one."""
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as partial:
        partial.write(data)
    os.replace(partial.name, path)
