"""The FAQ panel: a search field that filters and highlights as you type, in the browser alone."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.vars.base import Var

from ketaguide_app import browser, dom
from ketaguide_app.components import text
from ketaguide_app.components.link import plain_link
from ketaguide_app.models import Faq, Guide
from ketaguide_app.paths import HOME_PATH
from ketaguide_app.state import FaqFilterState
from ketaguide_app.wording import WORDING

QUERY = FaqFilterState.query
SHOWN = FaqFilterState.shown
ANNOUNCEMENT = FaqFilterState.announcement


def faq_panel(guide: Guide) -> rx.Component:
    """Heading, search field, result count, empty state and the questions."""
    texts = [searched_text(faq) for faq in guide.faqs]
    return rx.el.section(
        rx.el.h2(WORDING.faq_heading, id=dom.FAQ_HEADING),
        search_field(),
        rx.el.p(*_fill(WORDING.faq_count, SHOWN.value, len(guide.faqs)), class_name="count", id=dom.FAQ_COUNT),
        rx.el.p(ANNOUNCEMENT.value, class_name=dom.VISUALLY_HIDDEN, aria_live="polite", id=dom.FAQ_ANNOUNCEMENT),
        rx.el.p(rx.cond(SHOWN.value == 0, WORDING.faq_none, ""), role="alert", class_name="empty", id=dom.FAQ_EMPTY),
        rx.el.button(WORDING.faq_clear, type="button", hidden=SHOWN.value != 0, on_click=browser.CLEAR_QUERY),
        rx.el.div(
            *(faq_item(faq) for faq in guide.faqs),
            custom_attrs={dom.HEADERS: "questions"},
        ),
        aria_labelledby=dom.FAQ_HEADING,
        class_name="faq",
        on_mount=browser.start_faq_filter(QUERY.set, SHOWN.set, ANNOUNCEMENT.set, texts),
    )


def search_field() -> rx.Component:
    """A labelled search box with a hint; Escape clears it.

    Until the app has started the hint says that results come once the page has loaded (what is typed is kept),
    and if the loader stopped asking for the app's code, that the reader may reload; the hints take the same
    place, so nothing moves when one replaces another.
    """
    return rx.el.div(
        rx.el.label(WORDING.faq_search_label, html_for=dom.FAQ_INPUT),
        rx.el.span(
            rx.el.span(WORDING.faq_search_hint, class_name=dom.WHEN_STARTED),
            rx.el.span(WORDING.faq_search_starting, class_name=dom.UNTIL_STARTED),
            rx.el.span(WORDING.faq_search_unavailable, class_name=dom.IF_UNAVAILABLE),
            class_name="hint",
            id=dom.FAQ_HINT,
        ),
        rx.el.input(
            type="search",
            id=dom.FAQ_INPUT,
            value=QUERY.value,
            auto_complete="off",
            aria_describedby=dom.FAQ_HINT,
            on_change=browser.APPLY_TYPED_QUERY,
            on_key_down=browser.CLEAR_QUERY_ON_ESCAPE,
        ),
        class_name="faq-search",
        role="search",
    )


def searched_text(faq: Faq) -> str:
    """What the filter looks in: the words of the question and of its answer (not its Markdown, not its sources)."""
    return f"{faq.question} {faq.answer.text}"


def faq_item(faq: Faq) -> rx.Component:
    """One question; hidden when it does not match. The browser code marks the matched words (js/page.js)."""
    return rx.el.details(
        rx.el.summary(rx.el.h3(text.searched_text(faq.question)), id=dom.faq_heading_id(faq.slug)),
        rx.el.div(
            text.body(faq.answer, "answer", searched=True),
            plain_link(
                WORDING.faq_link,
                href=f"{HOME_PATH}#{dom.faq_id(faq.slug)}",
                class_name="faq-link",
                aria_label=f"{WORDING.faq_link}: {faq.question}",
            ),
            class_name="faq-body",
        ),
        id=dom.faq_id(faq.slug),
        class_name="faq-item",
        hidden=~browser.matches(QUERY.value, searched_text(faq)),
    )


def _fill(template: str, shown: Var[Any], total: int) -> list[str | Var[Any]]:
    before, after = template.format(shown="\0", total=total).split("\0")
    return [part for part in (before, shown, after) if not isinstance(part, str) or part]
