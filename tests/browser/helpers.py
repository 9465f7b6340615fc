"""Small page helpers shared by the browser tests."""

from __future__ import annotations

import time

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, Route

from ketaguide_app.components.faq import searched_text
from ketaguide_app.models import Faq
from tests.fixture_guides import GUIDE
from tests.javascript import matching

APP_ENTRY = "**/assets/entry.client*"
PAGE_SCRIPT = "**/assets/page-*.js"
HELD_REQUEST_TIMEOUT_S = 10
AXE = Axe()


def questions_matching(query: str) -> list[Faq]:
    """The guide's questions that the FAQ filter shows for this query, by the page's own matching rule."""
    shown = matching(query, [searched_text(faq) for faq in GUIDE.faqs])
    return [faq for faq, show in zip(GUIDE.faqs, shown, strict=True) if show]


def section_header(page: Page, number: int) -> Locator:
    """The header (summary) of the numbered section."""
    return page.locator("details[data-section] > summary").nth(number - 1)


def tap(header: Locator) -> None:
    """Tap a section's, topic's or question's header near its start, where a thumb lands on the words.

    The "↑ Section" and "↑ Top" controls float at the bottom right once the page scrolls, and the scroll that brings
    a header into view can show them over its middle between Playwright's check and its click.
    """
    header.click(position={"x": 12, "y": 12})


def is_open(page: Page, element_id: str) -> bool:
    """Whether the details element with this id is open."""
    return page.eval_on_selector(f"#{element_id}", "(d) => d.open")


def is_shown(locator: Locator) -> bool:
    """Whether the element is rendered (closed details content and `hidden` elements are not)."""
    return locator.evaluate("(el) => el.checkVisibility() && el.getBoundingClientRect().height > 0")


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA and best-practice violations on the page as it is now."""
    results = AXE.run(page)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]


def open_everything(page: Page) -> None:
    """Open every section, topic and question."""
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


class HeldAppStart:
    """Holds the request for the app's entry module (or another), so the page stays as it is until it is released."""

    def __init__(self, page: Page, pattern: str = APP_ENTRY) -> None:
        """Start holding, before the page is opened."""
        self.page = page
        self.pattern = pattern
        self.held: list[Route] = []
        page.route(pattern, self.hold)

    def hold(self, route: Route) -> None:
        """Keep the request waiting."""
        self.held.append(route)

    def requested(self) -> None:
        """Wait for the page to ask for the file (the app once it has loaded, the page script once it has painted)."""
        deadline = time.monotonic() + HELD_REQUEST_TIMEOUT_S
        while not self.held:
            assert time.monotonic() < deadline, f"the page never asked for {self.pattern}"
            self.page.wait_for_timeout(20)  # lets Playwright deliver the held request; not a wait for the page

    def release(self) -> None:
        """Once the page has asked for the file, let the request through."""
        self.requested()
        for route in self.held:
            route.continue_()
        self.page.unroute(self.pattern, self.hold)


def settled(page: Page) -> None:
    """Wait until the page has fetched all it will fetch and painted twice since: whatever it does next, it did."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
