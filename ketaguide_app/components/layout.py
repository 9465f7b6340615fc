"""The parts of the page around the accordion: header, disclaimer, conclusion, footer, share status."""

from __future__ import annotations

import datetime

import reflex as rx

from ketaguide_app import dom
from ketaguide_app.components.link import plain_link
from ketaguide_app.components.search import guide_search
from ketaguide_app.components.text import body, browser_filled_paragraph, paragraphs
from ketaguide_app.models import Guide
from ketaguide_app.wording import WORDING


def skip_link() -> rx.Component:
    """The first stop for keyboard users: straight to the guide."""
    return plain_link(WORDING.skip_link, href=f"#{dom.MAIN}", class_name="skip")


def guide_header(guide: Guide) -> rx.Component:
    """Title, introduction and the medical disclaimer: always visible, never collapsed."""
    return rx.el.header(
        rx.el.h1(guide.title, id=dom.GUIDE_TITLE, tab_index=-1),
        guide_search(),
        body(guide.introduction, "introduction", id=dom.INTRODUCTION),
        disclaimer(guide),
    )


def disclaimer(guide: Guide) -> rx.Component:
    """The medical disclaimer, in a labelled note."""
    return rx.el.aside(
        rx.el.h2(WORDING.disclaimer_heading, id=dom.DISCLAIMER_HEADING),
        *paragraphs(guide.disclaimer),
        class_name="disclaimer",
        id=dom.DISCLAIMER,
        aria_labelledby=dom.DISCLAIMER_HEADING,
    )


def conclusion(guide: Guide) -> rx.Component:
    """The guide's closing text."""
    return rx.el.section(
        rx.el.h2(WORDING.conclusion_heading, id=dom.CONCLUSION_HEADING),
        body(guide.conclusion, "conclusion-body", id=dom.CONCLUSION),
        aria_labelledby=dom.CONCLUSION_HEADING,
        class_name="conclusion",
    )


def review_footer(guide: Guide) -> rx.Component:
    """'Page last reviewed' and 'Next review due', as the best health sites end their pages."""
    return rx.el.footer(
        rx.el.p(WORDING.last_reviewed, " ", review_date(guide.last_reviewed)),
        rx.el.p(WORDING.next_review_due, " ", review_date(guide.next_review_due)),
        offline_status(),
    )


def review_date(day: datetime.date) -> rx.Component:
    """A date as people read it, with its machine-readable form."""
    return rx.el.time(f"{day.day} {day:%B %Y}", date_time=day.isoformat())


def share_status() -> rx.Component:
    """Where 'link copied' appears, and is announced by screen readers."""
    return browser_filled_paragraph(id=dom.SHARE_STATUS, role="status", class_name="status")


def offline_status() -> rx.Component:
    """Where the page says it is saved for offline reading, that the reader is offline, or that it was updated.

    The button saves the guide for offline reading on request, for readers who save data; the offline module
    (ketaguide_app/js/offline.js) shows it and fills in the status.
    """
    return rx.fragment(
        rx.el.p(
            id=dom.OFFLINE_STATUS,
            role="status",
            class_name="offline-status",
            custom_attrs={
                "data-saved": WORDING.offline_saved,
                "data-offline": WORDING.offline_now,
                "data-offline-saved": WORDING.offline_now_saved,
                "data-updated": WORDING.offline_updated,
            },
        ),
        rx.el.button(WORDING.offline_save, type="button", id=dom.OFFLINE_SAVE, hidden=True),
    )


def jump_controls() -> rx.Component:
    """Back to the section's header and to the top, shown deep inside an open section (ketaguide_app/js/reading.js)."""
    return rx.el.nav(
        rx.el.button(WORDING.jump_to_section, type="button"),
        rx.el.button(WORDING.jump_to_top, type="button"),
        id=dom.JUMP,
        class_name="jump",
        aria_label=WORDING.jump_label,
        hidden=True,
    )
