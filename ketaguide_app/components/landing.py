"""Where a link to one topic lands: which guide and section it is in, and the disclaimer, on the first screen."""

from __future__ import annotations

import reflex as rx

from ketaguide_app import dom
from ketaguide_app.components.link import plain_link
from ketaguide_app.components.search import to_search
from ketaguide_app.models import Guide, Section
from ketaguide_app.paths import HOME_PATH
from ketaguide_app.wording import WORDING


def landing(guide: Guide, section: Section) -> rx.Component:
    """The guide's name as a link to all of it, the topic's section, and the disclaimer in short."""
    return rx.el.div(
        rx.el.nav(
            plain_link(guide.short_title, href=HOME_PATH),
            rx.el.span(" › ", aria_hidden="true"),
            section.title,
            to_search(),
            aria_label=WORDING.trail_label,
            class_name="trail",
        ),
        rx.el.p(f"{guide.disclaimer_summary} ", plain_link(WORDING.full_disclaimer, href=f"#{dom.DISCLAIMER}")),
        id=dom.LANDING,
        class_name="landing",
    )
