"""A plain HTML link: `rx.el.a` renders React Router's Link, which rewrites `#fragment` hrefs at prerender."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_core.el.elements.inline import A


def plain_link(*children: Any, href: str, **props: Any) -> rx.Component:
    """An `<a href>` that the browser follows itself, with or without JavaScript."""
    return A.create(*children, href=href, **props)
