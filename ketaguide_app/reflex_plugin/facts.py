"""What the app tells the build about each page it adds: carried by `add_page(context=…)` to the plugin.

The app knows each page's address, head and purpose when it adds the page; the build steps read these facts
(as Reflex's own sitemap plugin reads its `context`) instead of importing components or re-reading the content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reflex_base.constants import Page404

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.card import Card

# The key of these facts in a page's `context`.
CONTEXT_KEY = "ketaguide"
STEP = "page facts"


@dataclass(frozen=True)
class AppIdentity:
    """How the site names itself when installed as an app (the web app manifest)."""

    name: str
    short_name: str
    description: str


@dataclass(frozen=True)
class PageFacts:
    """One page as the build steps need it.

    `address` is where it is served (`/`, `/topics/<slug>`); `structured_data` its JSON-LD; `scroll_to` the id of
    the element it opens scrolled to; `not_found` marks the page served, as plain HTML, for unknown addresses;
    `installs_as` is set on the page whose site can be installed as an app; `card` is its link-preview card;
    `search_index` is set on the page that carries the guide's search index (its JSON), which every page's search
    fetches.
    """

    address: str
    structured_data: str | None = None
    scroll_to: str | None = None
    not_found: bool = False
    installs_as: AppIdentity | None = None
    card: Card | None = None
    search_index: str | None = None

    def prerendered_files(self) -> tuple[str, ...]:
        """The files Reflex prerenders the page into, relative to its static folder."""
        if self.address == "/":
            return ("index.html",)
        name = self.address.strip("/")
        return (f"{name}.html", f"{name}/index.html")


def context(facts: PageFacts, **more: Any) -> dict[str, Any]:
    """The `context` to add a page with, carrying its facts (and any other plugin's settings)."""
    return {CONTEXT_KEY: facts, **more}


def collect(pages: Iterable[Any]) -> list[PageFacts]:
    """The facts of every page the app added; a page added without them stops the build.

    Reflex adds a page of its own at its 404 route, for client-side navigation to an unknown address; it is never
    prerendered (the site's plain-HTML not-found page answers such addresses), so it has no facts.
    """
    collected = []
    for page in pages:
        if page.route == Page404.SLUG:
            continue
        facts = page.context.get(CONTEXT_KEY)
        if not isinstance(facts, PageFacts):
            raise BuildError(STEP, f"the page at {page.route!r} was added without its facts (context[{CONTEXT_KEY!r}])")
        collected.append(facts)
    return collected


def the_one(pages: Iterable[PageFacts], what: str, test: Any) -> PageFacts:
    """The single page that passes `test`; none or several stop the build."""
    found = [page for page in pages if test(page)]
    if len(found) != 1:
        raise BuildError(STEP, f"expected one {what}, found {len(found)}")
    return found[0]
