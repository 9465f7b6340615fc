"""The accordion of sections and their expandable topics, built on native details/summary elements.

Native disclosure keeps every sentence in the HTML, lets find-in-page and text-fragment links open a
closed panel, and toggles in the browser alone.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import LiteralVar, Var

from ketaguide_app import dom
from ketaguide_app.components.landing import landing
from ketaguide_app.components.text import body
from ketaguide_app.models import Guide, Section, Topic
from ketaguide_app.wording import WORDING


def accordion(guide: Guide, open_topic: Var[str]) -> rx.Component:
    """Every section, several open at once, with a show all / hide all control."""
    return rx.el.section(
        rx.el.h2(WORDING.sections_heading, class_name=dom.VISUALLY_HIDDEN, id=dom.SECTIONS_HEADING),
        rx.el.div(show_all_button(), class_name="toolbar"),
        *(section_item(guide, number, section, open_topic) for number, section in enumerate(guide.sections, start=1)),
        class_name="accordion",
        aria_labelledby=dom.SECTIONS_HEADING,
        custom_attrs={dom.HEADERS: "sections"},
    )


def show_all_button() -> rx.Component:
    """Opens every section, or closes them all; its label follows the sections' state.

    The page's own script handles its clicks, and marks the button when every section is open (js/page.js), from
    before the app has started; until then the button is not shown.
    """
    return rx.el.button(
        rx.el.span(WORDING.show_all_sections, class_name=dom.SHOW_LABEL),
        rx.el.span(WORDING.hide_all_sections, class_name=dom.HIDE_LABEL),
        type="button",
        class_name="show-all",
        custom_attrs={dom.SHOW_ALL: ""},
    )


def section_item(guide: Guide, number: int, section: Section, open_topic: Var[str]) -> rx.Component:
    """One section: its numbered heading, and its topics when open (it holds the open topic, if any).

    On a topic's own page, where the link lands comes right before the topic: see `landing`.
    """
    is_open = LiteralVar.create([topic.slug for topic in section.topics]).contains(open_topic)
    return rx.el.details(
        rx.el.summary(rx.el.h2(section_heading(number, section)), id=dom.section_heading_id(section.slug)),
        rx.el.div(
            *(
                part
                for topic in section.topics
                for part in (
                    rx.cond(open_topic == topic.slug, landing(guide, section)),
                    topic_item(topic, open_topic == topic.slug),
                )
            ),
            class_name="section-body",
        ),
        id=dom.section_id(section.slug),
        class_name="section",
        open=is_open,
        custom_attrs={dom.SECTION: section.slug},
    )


def topic_item(topic: Topic, is_open: Var[bool]) -> rx.Component:
    """One topic: title and subtitle as its header, the overview and a share control inside."""
    return rx.el.details(
        rx.el.summary(
            rx.el.h3(topic.title, rx.el.span(topic.subtitle, class_name="subtitle")),
            id=dom.topic_heading_id(topic.slug),
        ),
        rx.el.div(
            body(topic.overview, "overview"),
            share_button(topic),
            class_name="topic-body",
        ),
        id=dom.topic_id(topic.slug),
        class_name="topic",
        open=is_open,
        custom_attrs={dom.TOPIC: topic.slug},
    )


def share_button(topic: Topic) -> rx.Component:
    """Shares the topic's own address: the share sheet where there is one, else the clipboard.

    It names the topic, so what it says is also what a screen reader announces ("Share “NMDA Receptors”").
    """
    return rx.el.button(
        WORDING.share_topic.format(title=topic.title),
        type="button",
        class_name="share",
        custom_attrs={dom.SHARE: topic.slug},
    )


def section_heading(number: int, section: Section) -> str:
    """A section's numbered heading, as one text (React would split label and title, and lose the space)."""
    return f"{WORDING.section_label.format(number=number)} {section.title}"
