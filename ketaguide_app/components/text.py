"""Text from the content: a body's HTML (rendered from Markdown at build time), and plain paragraphs."""

from __future__ import annotations

import html

import reflex as rx
from reflex_base.components.component import field
from reflex_base.vars.base import Var
from reflex_components_core.el.elements.inline import Span
from reflex_components_core.el.elements.typography import Div

from ketaguide_app.models import RichText

# Marks the elements whose words the FAQ filter highlights (ketaguide_app/js/page.js).
SEARCHED = "data-searched"


class _BodyHtml(Div):  # type: ignore[misc]  # Reflex exports its components untyped
    """A `<div>` holding HTML made at build time; React leaves what is inside it to the browser."""

    dangerouslySetInnerHTML: Var[dict[str, str]] = field(doc="The HTML inside.")  # noqa: N815  (React's name)


class _TextHtml(Span):  # type: ignore[misc]
    """A `<span>` holding escaped text, so that the browser code may mark words in it without React redrawing it."""

    dangerouslySetInnerHTML: Var[dict[str, str]] = field(doc="The HTML inside.")  # noqa: N815


def body(text: RichText, class_name: str, *, searched: bool = False) -> rx.Component:
    """A body as the build rendered it."""
    attributes = {SEARCHED: ""} if searched else {}
    return _BodyHtml.create(
        dangerouslySetInnerHTML={"__html": text.html}, class_name=f"rich {class_name}", custom_attrs=attributes
    )


def searched_text(text: str) -> rx.Component:
    """A line of plain text whose words the FAQ filter may highlight."""
    return _TextHtml.create(
        dangerouslySetInnerHTML={"__html": html.escape(text, quote=False)}, custom_attrs={SEARCHED: ""}
    )


def paragraphs(text: str) -> list[rx.Component]:
    """One `<p>` per paragraph of a plain-text field (blank lines separate them)."""
    return [rx.el.p(part.strip()) for part in text.split("\n\n") if part.strip()]
