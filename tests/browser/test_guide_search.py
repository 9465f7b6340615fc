"""Specification of the guide's search in Chromium: forgiving, ranked, in the address, accessible, unbreakable."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import Locator, Page, expect

from ketaguide_app import dom
from ketaguide_app.wording import WORDING
from tests.browser.conftest import PHONE, wait_for_app
from tests.browser.helpers import HeldAppStart, axe_violations, is_open, settled
from tests.exported import Site
from tests.fixture_guides import GUIDE

# The announcement waits for typing to pause; this is longer than that pause.
ANNOUNCED_MS = 3000


def field(page: Page) -> Locator:
    return page.get_by_role("searchbox", name=WORDING.search_label)


def results(page: Page) -> Locator:
    return page.locator(f"#{dom.SEARCH_RESULTS} li a")


def result_titles(page: Page) -> list[str]:
    return page.locator(f"#{dom.SEARCH_RESULTS} .{dom.RESULT_TITLE}").all_text_contents()


def search(page: Page, site: Site, query: str) -> None:
    """Open the guide and type a query into its search field."""
    page.goto(f"{site.url}/")
    field(page).fill(query)


def in_viewport(locator: Locator) -> bool:
    return locator.evaluate(
        "(el) => { const r = el.getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; }"
    )


def test_the_field_is_labelled_on_the_first_screen_and_one_tap_away_on_a_topic_page(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    expect(field(page)).to_have_attribute("type", "search")
    expect(field(page)).to_have_accessible_description(WORDING.search_hint)
    expect(page.get_by_role("search", name=WORDING.search_label)).to_be_visible()
    assert in_viewport(field(page))
    topic = GUIDE.topics[5]
    page.goto(f"{site.url}/topics/{topic.slug}")
    link = page.get_by_role("link", name=WORDING.search_label)
    assert in_viewport(link)
    box = link.bounding_box()
    assert box is not None
    assert box["width"] >= 24
    assert box["height"] >= 24
    link.click()
    expect(field(page)).to_be_focused()
    assert in_viewport(field(page))


def test_typing_shows_ranked_results_that_name_their_kind_and_place_with_the_words_marked(
    page: Page, site: Site
) -> None:
    search(page, site, "side effects")
    expect(results(page)).to_have_count(3)
    safety = GUIDE.topics[-2]
    section = next(number for number, s in enumerate(GUIDE.sections, start=1) if safety in s.topics)
    assert result_titles(page) == [GUIDE.faqs[2].question, GUIDE.topics[-3].title, safety.title]
    places = page.locator(f"#{dom.SEARCH_RESULTS} .{dom.RESULT_PLACE}").all_text_contents()
    assert places[0] == WORDING.search_in_question
    assert places[2] == WORDING.search_in_topic.format(number=section, section=GUIDE.sections[section - 1].title)
    marks = [mark.lower() for mark in page.locator(f"#{dom.SEARCH_RESULTS} li:nth-child(3) mark").all_text_contents()]
    assert {"side", "effects"} <= set(marks)
    expect(page.locator(f"#{dom.SEARCH_STATUS}")).to_have_text("3 results", timeout=ANNOUNCED_MS)
    expect(page.locator(f"#{dom.SEARCH_STATUS}")).to_have_attribute("role", "status")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("intranasal", "administration-methods"),
        ("neuroplasticity", "glutamate-pathways"),
        ("dissociative", "science-of-dissociation"),
        ("depresion", "treating-depression"),
        ("anxeity", "anxiety-disorders"),
        ("glutam", "glutamate-pathways"),
    ],
)
def test_stems_typos_and_prefixes_find_the_topic(page: Page, site: Site, query: str, first: str) -> None:
    search(page, site, query)
    address = re.compile(rf"^/topics/{first}\?s={query}#topic-{first}:~:text=.+$")
    expect(results(page).first).to_have_attribute("href", address)


def test_the_count_is_announced_once_typing_pauses_not_at_every_keystroke(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/")
    page.evaluate(
        """(id) => { window.said = []; new MutationObserver(() => said.push(document.getElementById(id).textContent))
        .observe(document.getElementById(id), {childList: true, characterData: true, subtree: true}); }""",
        dom.SEARCH_STATUS,
    )
    field(page).press_sequentially("ketamine", delay=30)
    expect(page.locator(f"#{dom.SEARCH_STATUS}")).not_to_be_empty(timeout=ANNOUNCED_MS)
    said = [text for text in page.evaluate("() => said") if text]
    assert len(said) == 1, said
    assert said[0].endswith(" results")


def test_a_word_that_matches_nothing_says_so_and_offers_the_closest_word(page: Page, site: Site) -> None:
    search(page, site, "sde effects")
    expect(page.locator(f"#{dom.SEARCH_RESULTS}")).to_contain_text(WORDING.search_none.format(query="sde effects"))
    suggestion = page.get_by_role("link", name="side effects", exact=True)
    suggestion.click()
    expect(field(page)).to_have_value("side effects")
    expect(field(page)).to_be_focused()
    expect(results(page)).to_have_count(3)
    expect(page).to_have_url(f"{site.url}/?s=side+effects")


def test_a_result_opens_its_topic_in_view_with_the_words_marked_there(page: Page, site: Site) -> None:
    search(page, site, "intranasal")
    results(page).first.click()
    page.wait_for_url("**/topics/administration-methods?s=intranasal*")
    settled(page)
    assert is_open(page, "topic-administration-methods")
    marks = page.locator("#topic-administration-methods .overview mark")
    expect(marks.first).to_have_text("intranasal", ignore_case=True)
    assert in_viewport(marks.first)
    expect(field(page)).to_have_value("intranasal")
    expect(results(page)).to_have_count(0)  # the results wait until the reader comes back to the field
    field(page).focus()
    expect(results(page)).to_have_count(1)


def test_a_question_result_opens_the_question_with_its_answer_marked(page: Page, site: Site) -> None:
    search(page, site, "side effects")
    results(page).first.click()
    page.wait_for_url("**/?s=side*#faq-side-effects*")
    wait_for_app(page)
    assert is_open(page, "faq-side-effects")
    marks = page.locator("#faq-side-effects .answer mark")
    expect(marks.first).to_be_visible()
    assert in_viewport(marks.first)


def test_the_query_survives_reload_back_and_forward(page: Page, site: Site) -> None:
    search(page, site, "ptsd")
    expect(results(page)).to_have_count(1)
    expect(page).to_have_url(f"{site.url}/?s=ptsd")  # once typing pauses
    page.reload()
    expect(field(page)).to_have_value("ptsd")
    expect(results(page)).to_have_count(1)
    results(page).first.click()
    page.wait_for_url("**/topics/managing-ptsd*")
    page.go_back()
    expect(field(page)).to_have_value("ptsd")
    expect(results(page)).to_have_count(1)
    page.go_forward()
    page.wait_for_url("**/topics/managing-ptsd*")
    expect(field(page)).to_have_value("ptsd")


def test_escape_clears_the_query_the_results_and_the_address(page: Page, site: Site) -> None:
    search(page, site, "ketamine")
    expect(results(page).first).to_be_visible()
    field(page).press("Escape")
    expect(field(page)).to_have_value("")
    expect(results(page)).to_have_count(0)
    expect(page).to_have_url(f"{site.url}/")


def test_typing_asks_the_server_for_nothing_once_the_index_is_there(page: Page, site: Site) -> None:
    """Chromium looks up the page's icon again at each change of the address; its own cache answers."""
    page.goto(f"{site.url}/")
    wait_for_app(page)
    field(page).focus()
    settled(page)
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    fetched: list[str] = []
    network.on(
        "Network.responseReceived",
        lambda event: None if event["response"].get("fromDiskCache") else fetched.append(event["response"]["url"]),
    )
    field(page).press_sequentially("ketamine dissociation", delay=20)
    expect(results(page).first).to_be_visible()
    settled(page)
    network.detach()
    assert fetched == []


def test_the_search_works_before_the_app_has_started(page: Page, site: Site) -> None:
    held = HeldAppStart(page)
    page.goto(f"{site.url}/")
    field(page).fill("intranasal")
    expect(results(page)).to_have_count(1)
    assert not page.evaluate("() => document.documentElement.hasAttribute('data-app-started')")
    held.release()
    wait_for_app(page)
    expect(field(page)).to_have_value("intranasal")
    expect(results(page)).to_have_count(1)


HOSTILE = [
    '<img src=x onerror="window.hacked=1">',
    "javascript:window.hacked=1",
    "x" * 10_000,
    "\ud800side",
    "\u202eside effects\u202c",
    "</li><script>window.hacked=1</script>",
    "$& $' $` $$ {query}",
    "%E0%A4%A ' \" ` ${1+1}",
]


def test_a_hostile_query_never_injects_throws_or_hangs(page: Page, site: Site) -> None:
    search(page, site, "ketamine")
    expect(results(page).first).to_be_visible()  # the index is there: what follows is the query alone
    for query in HOSTILE:
        page.evaluate(
            """([id, value]) => { const box = document.getElementById(id); box.value = value;
            box.dispatchEvent(new Event("input", {bubbles: true})); }""",
            [dom.SEARCH, query],
        )
        expect(page.locator(f"#{dom.SEARCH_RESULTS}")).not_to_be_empty()
        if query.startswith("$&"):  # replacement patterns stay as typed in what the page says
            said = WORDING.search_none.format(query=query)
            expect(page.locator(f"#{dom.SEARCH_RESULTS} p").first).to_contain_text(said)
        assert page.evaluate("() => window.hacked") is None
        assert page.locator(f"#{dom.SEARCH_RESULTS} img, #{dom.SEARCH_RESULTS} script").count() == 0
    page.wait_for_function("() => location.search.includes('%25E0')")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["s"][0]
    assert query.startswith("%E0%A4%A")
    page.goto(f"{site.url}/?s=" + urllib.parse.quote('<img src=x onerror="window.hacked=1">') + "#topic-x:~:text=<b>")
    expect(field(page)).to_have_value('<img src=x onerror="window.hacked=1">')
    assert page.evaluate("() => window.hacked") is None
    page.goto(f"{site.url}/?s=side#%E0%A4%A")  # a malformed escape in the fragment names no element
    expect(field(page)).to_have_value("side")
    expect(results(page).first).to_be_visible()


@pytest.mark.parametrize("text_zoom", ["100%", "200%"])
@pytest.mark.parametrize("query", ["side effects", "sde effects"])
def test_axe_finds_nothing_and_nothing_scrolls_sideways_at_320_px(
    page: Page, site: Site, query: str, text_zoom: str
) -> None:
    page.set_viewport_size({"width": 320, "height": PHONE["height"]})
    page.goto(f"{site.url}/")
    page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{text_zoom}'; }}")
    field(page).fill(query)
    expect(page.locator(f"#{dom.SEARCH_RESULTS}")).not_to_be_empty()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


def test_the_keyboard_alone_reaches_a_result_and_opens_it(page: Page, site: Site) -> None:
    search(page, site, "neuroplasticity")
    expect(results(page)).to_have_count(1)
    page.keyboard.press("Tab")
    expect(results(page).first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/topics/glutamate-pathways*")
