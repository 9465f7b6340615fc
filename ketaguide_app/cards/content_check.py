"""What an editor can write that no card can show (a title too long, a letter no font has), as a content mistake."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.card import Card, home_card, not_found_card, topic_card
from ketaguide_app.content_error import ContentError
from ketaguide_app.guide_bodies import Files
from ketaguide_app.models import Guide


def check_cards(guide: Guide, files: Files) -> None:
    """Lay out every page's card; the first that cannot be made is named by the file and entry it comes from."""
    pages: list[tuple[Path, str, Callable[[], Card]]] = [
        (files.guide.path, "guide", functools.partial(home_card, guide)),
        (files.guide.path, "guide", functools.partial(not_found_card, guide)),
        *(
            (files.topics[topic.slug].path, f"topic {topic.slug!r}", functools.partial(topic_card, guide, topic))
            for topic in guide.topics
        ),
    ]
    for path, entry, make in pages:
        try:
            make()
        except BuildError as error:
            raise ContentError(path, entry, None, f"its link-preview card cannot show it: {error.problem}") from None
