"""What each page's card says, and the card as the build knows it: its drawing, its address and its alt text.

The address is named after a digest of everything that makes the picture (the drawing, the fonts, the renderer),
so a changed title gets a new address that chat apps have never cached, and the same inputs always the same one.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from ketaguide_app.cards.drawing import RENDERER, site_colours, svg
from ketaguide_app.cards.fonts import fonts_digest
from ketaguide_app.cards.layout import HEIGHT, WIDTH, CardText, lay_out
from ketaguide_app.models import Guide, Topic
from ketaguide_app.wording import WORDING

CARDS_PREFIX = "/assets/cards/"
MEDIA_TYPE = "image/png"
DIGEST_LENGTH = 16


@dataclass(frozen=True)
class Card:
    """One page's card: the SVG it is drawn from, the digest of all its inputs, and what it says."""

    name: str
    drawing: str
    digest: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT
    media_type: str = MEDIA_TYPE

    @property
    def address(self) -> str:
        """Where the site serves it: under /assets/, named after its inputs, cached for a year."""
        return f"{CARDS_PREFIX}{self.name}-{self.digest[:DIGEST_LENGTH]}.png"


@functools.cache
def _inputs_digest() -> str:
    """What every card shares: the fonts and the renderer that draw it."""
    return hashlib.sha256(f"{RENDERER}\n{fonts_digest()}".encode()).hexdigest()


def card(name: str, text: CardText) -> Card:
    """The card that says `text`, laid out and turned into SVG (drawn later, by the build)."""
    layout = lay_out(text)
    drawing = svg(layout, site_colours())
    digest = hashlib.sha256(f"{_inputs_digest()}\n{drawing}".encode()).hexdigest()
    return Card(name=name, drawing=drawing, digest=digest, alt=layout.alt())


def home_card(guide: Guide) -> Card:
    """The home page's card: the guide's title and description."""
    return card("home", CardText(guide.title, guide.description, None, guide.short_title))


def topic_card(guide: Guide, topic: Topic) -> Card:
    """A topic's card: its section above its title, its subtitle below."""
    section = guide.section_of(topic.slug)
    number = guide.sections.index(section) + 1 if section else 0
    kicker = f"{WORDING.section_label.format(number=number)} {section.title}" if section else None
    return card(topic.slug, CardText(topic.title, topic.subtitle, kicker, guide.short_title))


def not_found_card(guide: Guide) -> Card:
    """The not-found page's card: says so, under the guide's title."""
    return card("not-found", CardText(WORDING.not_found_title, guide.title, None, guide.short_title))


def every_card(guide: Guide) -> list[Card]:
    """The cards of every page of the guide: the home page, each topic's, the not-found page's."""
    return [home_card(guide), *(topic_card(guide, topic) for topic in guide.topics), not_found_card(guide)]
