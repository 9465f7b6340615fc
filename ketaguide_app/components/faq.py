"""The FAQ panel: a search field that filters and highlights as you type, in the browser alone."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import LiteralVar, Var
from reflex_base.vars.function import FunctionStringVar

from ketaguide_app import browser, search
from ketaguide_app.models import Faq, Guide
from ketaguide_app.state import FaqFilterState
from ketaguide_app.wording import WORDING

QUERY = FaqFilterState.query
ANNOUNCED = FaqFilterState.announced_query


def faq_panel(guide: Guide) -> rx.Component:
    """Heading, search field, result count, empty state and the questions."""
    haystacks = [FaqFilterState.haystack(faq) for faq in guide.faqs]
    shown = _count(QUERY.value, haystacks)
    announced_count = _count(ANNOUNCED.value, haystacks)
    total = len(guide.faqs)
    return rx.el.section(
        QUERY,
        ANNOUNCED,
        rx.el.h2(WORDING.faq_heading, id="faq-heading"),
        search_field(),
        rx.el.p(*_fill(WORDING.faq_count, shown, total), class_name="count", id="faq-count"),
        rx.el.p(
            rx.cond(
                (announced_count > 0) & (ANNOUNCED.value != ""),
                rx.fragment(*_fill(WORDING.faq_count, announced_count, total)),
                "",
            ),
            class_name="visually-hidden",
            aria_live="polite",
            id="faq-announcement",
        ),
        rx.el.p(rx.cond(shown == 0, WORDING.faq_none, ""), role="alert", class_name="empty", id="faq-empty"),
        rx.el.button(
            WORDING.faq_clear,
            type="button",
            hidden=shown != 0,
            on_click=browser.clear_faq_query(QUERY.set, ANNOUNCED.set),
        ),
        rx.el.div(
            *(faq_item(faq, haystack) for faq, haystack in zip(guide.faqs, haystacks, strict=True)),
            custom_attrs={"onKeyDown": browser.MOVE_BETWEEN_HEADERS},
        ),
        aria_labelledby="faq-heading",
        class_name="faq",
        on_mount=browser.read_faq_query_from_address(QUERY.set, ANNOUNCED.set),
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
            on_change=browser.set_faq_query(QUERY.set, ANNOUNCED.set),
            on_key_down=browser.clear_faq_query_on_escape(QUERY.set, ANNOUNCED.set),
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
            rx.el.a(
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


def _matches(query: Var, haystack: str) -> Var:
    return FunctionStringVar.create(search.MATCHES_JS).call(query, LiteralVar.create(haystack)).to(bool)


def _count(query: Var, haystacks: list[str]) -> Var:
    return FunctionStringVar.create(search.COUNT_JS).call(query, LiteralVar.create(haystacks)).to(int)


def _highlighted(text: str) -> rx.Component:
    segments = FunctionStringVar.create(search.SEGMENTS_JS).call(QUERY.value, LiteralVar.create(text))
    return rx.foreach(
        segments.to(list[tuple[str, bool]]),
        lambda segment: rx.cond(segment[1], rx.el.mark(segment[0]), rx.fragment(segment[0])),
    )


def _fill(template: str, shown: Var, total: int) -> list[str | Var]:
    before, after = template.format(shown="\0", total=total).split("\0")
    return [part for part in (before, shown, after) if not isinstance(part, str) or part]
