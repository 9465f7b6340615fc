"""The guide page: served at `/` and, with one topic open, at `/topics/<slug>`."""

from __future__ import annotations

import reflex as rx

from ketaguide_app import browser, dom
from ketaguide_app.components.accordion import accordion
from ketaguide_app.components.faq import faq_panel
from ketaguide_app.components.layout import (
    conclusion,
    guide_header,
    jump_controls,
    review_footer,
    share_status,
    skip_link,
)
from ketaguide_app.models import Guide
from ketaguide_app.state import GuideState


def guide_page(open_topic: str = "") -> rx.Component:
    """The whole guide; `open_topic` names the topic it opens on, if any (its head is added with the page)."""
    return rx.fragment(guide_view(open_topic=open_topic))


@rx.memo
def guide_view(open_topic: rx.Var[str]) -> rx.Component:
    """The guide itself, defined once so every page shares its JavaScript; `open_topic` may be empty."""
    return guide_body(GuideState.guide, open_topic)


def guide_body(guide: Guide, open_topic: rx.Var[str]) -> rx.Component:
    """Everything of a guide's page but its head, open on `open_topic` (which may be empty)."""
    return rx.fragment(
        browser.BrowserCode.create(),
        skip_link(),
        rx.el.main(
            guide_header(guide),
            accordion(guide, open_topic),
            conclusion(guide),
            faq_panel(guide),
            review_footer(guide),
            id=dom.MAIN,
            class_name="page",
            on_mount=browser.start_page_behaviour(open_topic),
        ),
        # The jump controls come first: the status line moves up above them with a sibling selector, not with
        # `body:has()`, which makes the browser look through the whole page whenever any `hidden` changes.
        jump_controls(),
        share_status(),
    )
