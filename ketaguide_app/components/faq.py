"""The FAQ panel: a search field that filters and highlights as you type, in the browser alone."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.vars.base import LiteralVar, Var
from reflex_base.vars.function import FunctionStringVar

from ketaguide_app import browser, search
from ketaguide_app.components.link import plain_link
from ketaguide_app.models import Faq, Guide
from ketaguide_app.state import FaqFilterState
from ketaguide_app.wording import WORDING

QUERY = FaqFilterState.query
SHOWN = FaqFilterState.shown
ANNOUNCEMENT = FaqFilterState.announcement


def faq_panel(guide: Guide) -> rx.Component:
    """Heading, search field, result count, empty state and the questions."""
    haystacks = [FaqFilterState.haystack(faq) for faq in guide.faqs]
    return rx.el.section(
        rx.el.h2(WORDING.faq_heading, id="faq-heading"),
        search_field(),
        rx.el.p(*_fill(WORDING.faq_count, SHOWN.value, len(guide.faqs)), class_name="count", id="faq-count"),
        rx.el.p(ANNOUNCEMENT.value, class_name="visually-hidden", aria_live="polite", id="faq-announcement"),
        rx.el.p(rx.cond(SHOWN.value == 0, WORDING.faq_none, ""), role="alert", class_name="empty", id="faq-empty"),
        rx.el.button(WORDING.faq_clear, type="button", hidden=SHOWN.value != 0, on_click=browser.CLEAR_QUERY),
        rx.el.div(
            *(faq_item(faq, haystack) for faq, haystack in zip(guide.faqs, haystacks, strict=True)),
            custom_attrs={"data-headers": "questions"},
        ),
        aria_labelledby="faq-heading",
        class_name="faq",
        on_mount=browser.start_faq_filter(QUERY.set, SHOWN.set, ANNOUNCEMENT.set, haystacks),
    )


def search_field() -> rx.Component:
    """A labelled search box with a hint; Escape clears it."""
    return rx.el.div(
        rx.el.label(WORDING.faq_search_label, html_for=browser.FAQ_INPUT_ID),
        rx.el.span(WORDING.faq_search_hint, class_name="hint", id="faq-search-hint"),
        rx.el.input(
            type="search",
            id=browser.FAQ_INPUT_ID,
            value=QUERY.value,
            max_length=search.MAX_QUERY_LENGTH,
            auto_complete="off",
            aria_describedby="faq-search-hint",
            on_change=browser.APPLY_TYPED_QUERY,
            on_key_down=browser.CLEAR_QUERY_ON_ESCAPE,
        ),
        class_name="faq-search",
        role="search",
    )


def faq_item(faq: Faq, haystack: str) -> rx.Component:
    """One question; hidden when it does not match, with the matched words marked."""
    return rx.el.details(
        rx.el.summary(rx.el.h3(_highlighted(faq.question)), id=f"faq-{faq.slug}-heading"),
        rx.el.div(
            rx.el.p(rx.el.span(WORDING.faq_answer_label, class_name="label"), " ", _highlighted(faq.answer)),
            plain_link(
                WORDING.faq_link,
                href=f"/#faq-{faq.slug}",
                class_name="faq-link",
                aria_label=f"{WORDING.faq_link}: {faq.question}",
            ),
            class_name="faq-body",
        ),
        id=f"faq-{faq.slug}",
        class_name="faq-item",
        hidden=~_matches(QUERY.value, haystack),
    )


def _matches(query: Var[Any], haystack: str) -> Var[bool]:
    return FunctionStringVar.create(search.MATCHES_JS).call(query, LiteralVar.create(haystack)).to(bool)


def _highlighted(text: str) -> rx.Component:
    segments: Var[Any] = FunctionStringVar.create(search.SEGMENTS_JS).call(QUERY.value, LiteralVar.create(text))
    return rx.foreach(
        segments.to(list[tuple[str, bool]]),
        lambda segment: rx.cond(segment[1], rx.el.mark(segment[0]), rx.fragment(segment[0])),
    )


def _fill(template: str, shown: Var[Any], total: int) -> list[str | Var[Any]]:
    before, after = template.format(shown="\0", total=total).split("\0")
    return [part for part in (before, shown, after) if not isinstance(part, str) or part]
