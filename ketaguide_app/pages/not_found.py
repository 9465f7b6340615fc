"""The page for any unknown address: says so, and lists every topic of the guide."""

from __future__ import annotations

import reflex as rx

from ketaguide_app.components.link import plain_link
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.state import GuideState
from ketaguide_app.wording import WORDING

ROUTE = "/not-found"


def not_found_page() -> rx.Component:
    """The guide's title, a short explanation and a link to every topic."""
    guide = GuideState.guide
    return rx.el.main(
        rx.el.p(guide.title),
        rx.el.h1(WORDING.not_found_title),
        rx.el.p(WORDING.not_found_body),
        rx.el.ul(
            *(rx.el.li(plain_link(topic.title, href=topic_path(topic.slug))) for topic in guide.topics),
            class_name="topic-list",
        ),
        rx.el.p(plain_link(WORDING.not_found_home, href=HOME_PATH)),
        rx.el.meta(name="robots", content="noindex"),
        class_name="page",
    )
