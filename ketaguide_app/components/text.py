"""Text from the content: a body's HTML (rendered from Markdown at build time), and plain paragraphs.

A body's HTML is written into the prerendered page only: the browser's copy of the app holds an empty string in its
place, as React keeps the HTML it finds inside an element it hydrates and never compares it. So the text is not
shipped twice, once in the page and once in the JavaScript.
"""

from __future__ import annotations

import html
import json

import reflex as rx
from reflex_base.components.component import field
from reflex_base.vars.base import Var
from reflex_components_core.el.elements.inline import Span
from reflex_components_core.el.elements.typography import Div, P

from ketaguide_app import dom
from ketaguide_app.models import RichText


class _BodyHtml(Div):  # type: ignore[misc]  # Reflex exports its components untyped
    """A `<div>` holding HTML made at build time; React leaves what is inside it to the browser."""

    dangerouslySetInnerHTML: Var[dict[str, str]] = field(doc="The HTML inside.")  # noqa: N815  (React's name)


class _TextHtml(Span):  # type: ignore[misc]
    """A `<span>` holding escaped text, so that the browser code may mark words in it without React redrawing it."""

    dangerouslySetInnerHTML: Var[dict[str, str]] = field(doc="The HTML inside.")  # noqa: N815


class _BrowserFilledP(P):  # type: ignore[misc]
    """A `<p>` whose text only the browser code writes: React never hydrates what is inside it."""

    dangerouslySetInnerHTML: Var[dict[str, str]] = field(doc="The HTML inside.")  # noqa: N815


def browser_filled_paragraph(**props: object) -> rx.Component:
    """A paragraph the page's script fills, maybe before the app starts (React would take its text for a mismatch)."""
    return _BrowserFilledP.create(dangerouslySetInnerHTML={"__html": ""}, **props)


def browser_filled_region(**props: object) -> rx.Component:
    """A `<div>` whose content only the browser code makes (search results), before or after the app starts."""
    return _BodyHtml.create(dangerouslySetInnerHTML={"__html": ""}, **props)


def prerendered_html(markup: str) -> Var[dict[str, str]]:
    """React's inner-HTML prop holding `markup` when the page is prerendered, and nothing in the browser's copy.

    Vite replaces `import.meta.env.SSR` by a constant in each build, so the browser's bundle drops the string.
    """
    return Var(_js_expr=f'({{__html: import.meta.env.SSR ? {json.dumps(markup)} : ""}})', _var_type=dict[str, str])


def body(text: RichText, class_name: str, *, searched: bool = False, **props: object) -> rx.Component:
    """A body as the build rendered it (`searched`: one the FAQ filter marks its words in)."""
    attributes = {dom.SEARCHED: ""} if searched else {}
    return _BodyHtml.create(
        dangerouslySetInnerHTML=prerendered_html(text.html),
        class_name=f"{dom.RICH} {class_name}",
        custom_attrs=attributes,
        **props,
    )


def searched_text(text: str) -> rx.Component:
    """A line of plain text whose words the FAQ filter may highlight."""
    escaped = html.escape(text, quote=False)
    return _TextHtml.create(dangerouslySetInnerHTML=prerendered_html(escaped), custom_attrs={dom.SEARCHED: ""})


def paragraphs(text: str) -> list[rx.Component]:
    """One `<p>` per paragraph of a plain-text field (blank lines separate them)."""
    return [rx.el.p(part.strip()) for part in text.split("\n\n") if part.strip()]
