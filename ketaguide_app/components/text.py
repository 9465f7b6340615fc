"""Paragraphs from a content field: blank lines in the file separate paragraphs."""

from __future__ import annotations

import reflex as rx


def paragraphs(text: str, label: str | None = None) -> list[rx.Component]:
    """One `<p>` per paragraph; an optional bold label starts the first."""
    parts = [part.strip() for part in text.split("\n\n") if part.strip()]
    first = [rx.el.span(label, class_name="label"), " ", parts[0]] if label else [parts[0]]
    return [rx.el.p(*first), *(rx.el.p(part) for part in parts[1:])]
