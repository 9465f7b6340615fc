"""The guide's search field, and the link that takes a reader to it from where a topic's link lands.

Only markup: the page's own script (js/find.js) runs the search from the first paint and fills in the status
and the results, which React therefore never hydrates.
"""

from __future__ import annotations

import reflex as rx

from ketaguide_app import dom
from ketaguide_app.components.link import plain_link
from ketaguide_app.components.text import browser_filled_paragraph, browser_filled_region
from ketaguide_app.wording import WORDING

# A magnifying glass, drawn in the text's colour (the link's name is its label, not the drawing).
MAGNIFIER = (
    "M10.5 4a6.5 6.5 0 0 1 5.18 10.43l4.45 4.44-1.42 1.42-4.44-4.45A6.5 6.5 0 1 1 10.5 4z"
    "m0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z"
)


def guide_search() -> rx.Component:
    """A labelled search field with a hint, the results' count (said politely) and the results."""
    return rx.el.div(
        rx.el.label(WORDING.search_label, html_for=dom.SEARCH),
        rx.el.span(WORDING.search_hint, class_name="hint", id=dom.SEARCH_HINT),
        rx.el.input(
            type="search",
            id=dom.SEARCH,
            name="s",
            auto_complete="off",
            enter_key_hint="search",
            aria_describedby=dom.SEARCH_HINT,
            aria_controls=dom.SEARCH_RESULTS,
        ),
        browser_filled_paragraph(id=dom.SEARCH_STATUS, role="status", class_name="search-status"),
        browser_filled_region(id=dom.SEARCH_RESULTS, class_name="search-results"),
        class_name="guide-search",
        role="search",
        aria_label=WORDING.search_label,
    )


def to_search() -> rx.Component:
    """A link to the search field at the top of the page, one tap from where a topic's link lands."""
    return plain_link(
        rx.el.svg(
            # Given as attributes: Reflex would compile `fill=`, `width=` and `height=` as styles (emotion rules).
            rx.el.svg.path(custom_attrs={"d": MAGNIFIER, "fill": "currentColor"}),
            custom_attrs={"viewBox": "0 0 24 24", "width": "24", "height": "24", "focusable": "false"},
            aria_hidden="true",
        ),
        href=f"#{dom.SEARCH}",
        class_name=dom.TO_SEARCH,
        aria_label=WORDING.search_label,
    )
