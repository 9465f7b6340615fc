"""Specification of where a shared link lands: the topic in context on the first screen, names as seen, place kept."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from ketaguide_app.models import Topic
from ketaguide_app.wording import WORDING
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.browser.conftest import close, new_phone_context, wait_for_app
from tests.browser.helpers import axe_violations, is_open, is_shown, open_everything, tap
from tests.exported import Site
from tests.fixture_guides import GUIDE

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
PHONES = {"320x568": (320, 568), "360x640": (360, 640), "412x915": (412, 915)}
# Chromium's default text size is 16 px; a reader who doubles it gets 32 px (Android's largest font setting).
TEXT_SIZES = {"100%": 16, "200%": 32}
# The screens where everything fits at 200 % text; on smaller ones the note alone is taller than the screen.
LARGE_TEXT_PHONES = ("412x915",)
LONGEST = max(GUIDE.topics, key=lambda t: len(t.subtitle) + len(GUIDE.section_of(t.slug).title))  # type: ignore[union-attr]

# Whether the tab remembers this disclosure as open (reading.js keeps them in session storage).
REMEMBERED_JS = "(id) => JSON.parse(sessionStorage.getItem('ketaguide:open') || '[]').includes(id)"

# Where each part of the first screen is, in the page's viewport.
FIRST_SCREEN_JS = """(slug) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const landing = document.getElementById("landing");
  const topic = document.getElementById(`topic-${slug}`);
  const overview = topic.querySelector(".topic-body p");
  const letters = parseFloat(getComputedStyle(overview).fontSize);
  return {
    height: innerHeight,
    guide: box(landing.querySelector("nav a")),
    trail: box(landing.querySelector("nav")),
    note: box(landing.querySelector("p")),
    title: box(topic.querySelector("summary h3")),
    overview: {top: box(overview).top, bottom: box(overview).top + letters},
  };
}"""


def phone_tab(context: BrowserContext, size: str, scheme: str, text: str) -> Page:
    """A new tab showing as a phone of this size, in this colour scheme, at this text size."""
    width, height = PHONES[size]
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    set_text_size(page, TEXT_SIZES[text])
    return page


def set_text_size(page: Page, pixels: int) -> None:
    """The tab's default text size, as a reader sets it in the phone's settings."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": pixels, "fixed": pixels}})


def assert_first_screen_shows_the_topic_in_context(page: Page, topic: Topic, name: str) -> None:
    """The guide's link, the section, the whole note, the topic's title and its overview's first words are in view.

    The overview's first line counts as shown when its letters are (a font size from its top).
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
    boxes = page.evaluate(FIRST_SCREEN_JS, topic.slug)
    outside = {
        part: where
        for part, where in boxes.items()
        if part != "height" and not 0 <= where["top"] <= where["bottom"] <= boxes["height"]
    }
    assert outside == {}, name
    section = GUIDE.section_of(topic.slug)
    assert section is not None
    landing = page.locator("#landing")
    expect(landing.get_by_role("link", name=GUIDE.short_title)).to_have_attribute("href", "/")
    expect(landing.get_by_role("navigation")).to_contain_text(section.title)
    expect(landing).to_contain_text(GUIDE.disclaimer_summary)


def assert_opened_on(page: Page, topic: Topic) -> None:
    """The topic's heading has the focus and is in view; its section and it alone of the topics are open."""
    section = GUIDE.section_of(topic.slug)
    assert section is not None
    heading = page.locator(f"#topic-{topic.slug}-heading")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert is_open(page, f"section-{section.slug}")
    assert is_shown(page.get_by_text(topic.overview.text))
    opened = page.eval_on_selector_all("details.topic[open]", "(ds) => ds.map((d) => d.id)")
    assert opened == [f"topic-{topic.slug}"]


# Every topic page, in a browser behind `make run`; test_serving.py checks both servers answer each topic URL.
@pytest.mark.parametrize("topic", GUIDE.topics, ids=[t.slug for t in GUIDE.topics])
def test_every_topic_page_opens_on_its_topic_in_context_names_what_it_shows_and_passes_axe(
    context: BrowserContext, site: Site, topic: Topic
) -> None:
    page = phone_tab(context, "320x568", "light", "100%")
    page.goto(f"{site.url}/topics/{topic.slug}")
    wait_for_app(page)
    assert_opened_on(page, topic)
    assert_first_screen_shows_the_topic_in_context(page, topic, f"{topic.slug}-320x568-light-100")
    open_everything(page)
    assert_named_by_visible_text(context, page)
    assert axe_violations(page) == []


SCREENS = [(size, scheme, "100%") for size in PHONES for scheme in ("light", "dark")]
SCREENS += [(size, scheme, "200%") for size in LARGE_TEXT_PHONES for scheme in ("light", "dark")]


@pytest.mark.parametrize(("size", "scheme", "text"), SCREENS, ids=["-".join(screen) for screen in SCREENS])
def test_the_served_page_shows_the_topic_in_context_before_any_script_arrives(
    browser: Browser, site: Site, size: str, scheme: str, text: str
) -> None:
    # A context of its own: the scripts it blocks would count as failures in the shared one.
    context = new_phone_context(browser)
    page = phone_tab(context, size, scheme, text)
    page.add_init_script(
        """window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value)))
          .observe({type: "layout-shift", buffered: true});"""
    )
    page.route("**/assets/*.js", lambda route: route.abort())
    page.goto(f"{site.url}/topics/{LONGEST.slug}")
    assert_first_screen_shows_the_topic_in_context(page, LONGEST, f"{LONGEST.slug}-{size}-{scheme}-{text}-no-js")
    assert page.evaluate("() => window.shifts") == []
    page.unroute("**/assets/*.js")
    close_without_watch(context)


def close_without_watch(context: BrowserContext) -> None:
    """Close a context whose scripts the test blocked on purpose (the watch would count each as a failure)."""
    from tests.browser.conftest import PROBLEMS  # noqa: PLC0415

    PROBLEMS.pop(id(context), None)
    context.close()


def test_the_home_page_opens_on_the_whole_guide(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    wait_for_app(page)
    expect(page.locator("#landing")).to_have_count(0)
    expect(page.get_by_role("heading", name=GUIDE.title, level=1)).to_be_in_viewport()
    assert page.evaluate("() => scrollY") == 0
    assert page.eval_on_selector_all("details[open]", "(open) => open.length") == 0


def test_below_a_topic_the_whole_guide_is_still_there_for_find_and_print(page: Page, site: Site) -> None:
    topic = GUIDE.topics[4]
    page.goto(f"{site.url}/topics/{topic.slug}")
    wait_for_app(page)
    hidden = GUIDE.topics[0].overview.text
    assert not is_shown(page.get_by_text(hidden))
    # A text fragment reveals collapsed text the way find-in-page does (Chromium's search has no API).
    words = " ".join(hidden.split()[:6])
    page.goto(f"{site.url}/topics/{topic.slug}#:~:text={urllib.parse.quote(words)}")
    page.wait_for_function("(id) => document.getElementById(id).open", arg=f"topic-{GUIDE.topics[0].slug}")
    page.emulate_media(media="print")
    for other in GUIDE.topics:
        assert is_shown(page.get_by_text(other.overview.text)), other.slug
    expect(page.locator("#landing")).to_be_hidden()


ACCESSIBLE_ROLES = {"heading", "DisclosureTriangle", "button"}
VISIBLE_TEXT_JS = "function () { return this.innerText; }"


def names_and_texts(context: BrowserContext, page: Page) -> list[tuple[str, str, str]]:
    """(role, Chromium's accessible name, visible text) of every heading, disclosure and button shown."""
    session = context.new_cdp_session(page)
    found = []
    for node in session.send("Accessibility.getFullAXTree")["nodes"]:
        role = node.get("role", {}).get("value")
        if node.get("ignored") or role not in ACCESSIBLE_ROLES or "backendDOMNodeId" not in node:
            continue
        element = session.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})["object"]
        text = session.send(
            "Runtime.callFunctionOn", {"objectId": element["objectId"], "functionDeclaration": VISIBLE_TEXT_JS}
        )
        found.append((role, node["name"]["value"], " ".join(text["result"]["value"].split())))
    session.detach()
    return found


def assert_named_by_visible_text(context: BrowserContext, page: Page, at_least: int = 40) -> None:
    """Every heading, disclosure and button shown is named by exactly its visible text, spaces and all."""
    named = names_and_texts(context, page)
    assert len(named) >= at_least
    assert [(role, name, text) for role, name, text in named if name != text] == []


def test_the_home_and_not_found_pages_name_what_they_show(context: BrowserContext, page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    wait_for_app(page)
    open_everything(page)
    assert_named_by_visible_text(context, page)
    page.goto(f"{site.url}/topics/no-such-topic")
    assert_named_by_visible_text(context, page, at_least=1)


@pytest.fixture
def bfcache_browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium with its back/forward cache on (Playwright turns it off unless told not to)."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_FLAGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    yield browser
    browser.close()


def test_back_and_forward_come_from_the_back_forward_cache(bfcache_browser: Browser, site: Site) -> None:
    context = new_phone_context(bfcache_browser, service_workers="allow")
    page = context.new_page()
    page.add_init_script("addEventListener('pageshow', (e) => { window.restored = e.persisted; });")
    page.goto(f"{site.url}/")
    wait_for_app(page)
    expect(page.locator("#offline-status")).not_to_be_empty(timeout=20_000)
    tap(page.locator(f"#section-{GUIDE.sections[1].slug}-heading"))
    page.goto(f"{site.url}/topics/{GUIDE.topics[0].slug}")
    wait_for_app(page)
    page.go_back(wait_until="commit")
    page.wait_for_function("() => window.restored === true")
    assert is_open(page, f"section-{GUIDE.sections[1].slug}")
    page.go_forward(wait_until="commit")
    page.wait_for_function("() => window.restored === true && location.pathname.startsWith('/topics/')")
    close(context)


def opened(page: Page) -> list[str]:
    """The ids of the open disclosures."""
    return page.eval_on_selector_all("details[open]", "(open) => open.map((d) => d.id).sort()")


def test_a_reload_reopens_what_the_reader_had_open(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    wait_for_app(page)
    section, topic, faq = GUIDE.sections[2], GUIDE.sections[2].topics[-1], GUIDE.faqs[1]
    tap(page.locator(f"#section-{GUIDE.sections[0].slug}-heading"))
    tap(page.locator(f"#section-{section.slug}-heading"))
    tap(page.locator(f"#topic-{topic.slug}-heading"))
    tap(page.locator(f"#faq-{faq.slug}-heading"))
    expect(page).to_have_url(f"{site.url}/topics/{topic.slug}")
    before = opened(page)
    kept = "(ids) => JSON.stringify(JSON.parse(sessionStorage.getItem('ketaguide:open') || '[]').sort()) === ids"
    page.wait_for_function(kept, arg=json.dumps(before, separators=(",", ":")))
    page.reload()
    wait_for_app(page)
    page.wait_for_function("(count) => document.querySelectorAll('details[open]').length === count", arg=len(before))
    assert opened(page) == before
    expect(page).to_have_url(f"{site.url}/topics/{topic.slug}")


def test_a_link_to_a_topic_still_opens_exactly_that_topic(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    wait_for_app(page)
    tap(page.locator(f"#section-{GUIDE.sections[3].slug}-heading"))
    page.wait_for_function(REMEMBERED_JS, arg=f"section-{GUIDE.sections[3].slug}")
    topic = GUIDE.topics[0]
    page.goto(f"{site.url}/topics/{topic.slug}")
    wait_for_app(page)
    assert opened(page) == sorted([f"section-{GUIDE.sections[0].slug}", f"topic-{topic.slug}"])


def test_coming_back_to_the_guide_by_a_link_reopens_its_sections(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    wait_for_app(page)
    tap(page.locator(f"#section-{GUIDE.sections[3].slug}-heading"))
    page.wait_for_function(REMEMBERED_JS, arg=f"section-{GUIDE.sections[3].slug}")
    page.goto(f"{site.url}/topics/no-such-topic")
    page.get_by_role("link", name=WORDING.not_found_home).click()
    wait_for_app(page)
    page.wait_for_function("(id) => document.getElementById(id).open", arg=f"section-{GUIDE.sections[3].slug}")
    expect(page).to_have_url(f"{site.url}/")


@pytest.mark.parametrize(("width", "height", "text"), [(320, 568, 16), (320, 568, 32), (640, 360, 16)])
def test_deep_in_a_section_one_tap_leads_to_its_header_or_the_top(
    page: Page, site: Site, width: int, height: int, text: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    set_text_size(page, text)
    section = max(GUIDE.sections, key=lambda s: len(s.topics))
    page.goto(f"{site.url}/topics/{section.topics[0].slug}")
    wait_for_app(page)
    controls = page.get_by_role("navigation", name=WORDING.jump_label)
    expect(controls).to_be_hidden()
    for topic in section.topics[1:]:
        tap(page.locator(f"#topic-{topic.slug}-heading"))
    page.locator(f"#topic-{section.topics[-1].slug} .share").scroll_into_view_if_needed()
    expect(controls).to_be_visible()
    box = controls.bounding_box()
    assert box is not None
    assert box["height"] <= 48
    assert box["width"] <= width / 2 + 48
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"jump-{width}x{height}-{text}px.png")
    page.get_by_role("button", name=WORDING.jump_to_section).click()
    header = page.locator(f"#section-{section.slug}-heading")
    expect(header).to_be_focused()
    expect(header).to_be_in_viewport()
    page.locator(f"#topic-{section.topics[-1].slug} .share").scroll_into_view_if_needed()
    page.get_by_role("button", name=WORDING.jump_to_top).click()
    expect(page.get_by_role("heading", name=GUIDE.title, level=1)).to_be_focused()
    assert page.evaluate("() => scrollY") == 0


def test_the_share_button_says_which_topic_it_shares(page: Page, site: Site) -> None:
    topic = GUIDE.topics[1]
    page.goto(f"{site.url}/topics/{topic.slug}")
    wait_for_app(page)
    button = page.locator(f"#topic-{topic.slug} .share")
    expect(button).to_have_text(re.compile(re.escape(topic.title)))
    expect(button).to_have_accessible_name(WORDING.share_topic.format(title=topic.title))
