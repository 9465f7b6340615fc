"""What a reader relies on, in WebKit (every iPhone browser) and Firefox: the Chromium tests' behaviours, again.

Each test runs in a fresh tab of its engine (tests/engines/); any script error, console error, dialog or CSP
violation in it fails the test. Each test worker starts an engine once, when its first test of that engine runs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from ketaguide_app import dom
from ketaguide_app.wording import WORDING
from tests import servers
from tests.browser.helpers import questions_matching
from tests.engines.firefox import Firefox
from tests.engines.tab import EngineError, EngineMissingError, Tab
from tests.engines.webkit import WebKit
from tests.exported import Site
from tests.fixture_guides import GUIDE

Engine = WebKit | Firefox
Kind = TypeVar("Kind", WebKit, Firefox)
SAVED_TIMEOUT_S = 30


def start(kind: type[Kind], workdir: Path) -> Iterator[Kind]:
    """The engine for this worker's session; a missing program fails every test of it, naming its package."""
    try:
        engine = kind(workdir)
    except (EngineMissingError, EngineError) as error:
        pytest.fail(str(error))
    yield engine
    engine.stop()


@pytest.fixture(scope="session")
def webkit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebKit]:
    """WebKitGTK's MiniBrowser under WebKitWebDriver, on a display of its own."""
    yield from start(WebKit, tmp_path_factory.mktemp("webkit"))


@pytest.fixture(scope="session")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Firefox]:
    """Firefox ESR over WebDriver BiDi."""
    yield from start(Firefox, tmp_path_factory.mktemp("firefox"))


@pytest.fixture(params=["webkit", "firefox"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each engine in turn."""
    return request.getfixturevalue(request.param)


@contextmanager
def watched(engine: Engine) -> Iterator[Tab]:
    """A fresh tab, failing the test if anything went wrong in it."""
    with engine.tab() as tab:
        yield tab
        assert tab.problems() == []


@pytest.fixture
def tab(engine: Engine) -> Iterator[Tab]:
    """A fresh tab of each engine, watched."""
    with watched(engine) as tab:
        yield tab


@pytest.fixture
def own_site(exported_site: Path, tmp_path: Path) -> Iterator[Site]:
    """`make run`'s server on the exported folder, for this test alone: the test may stop it."""
    try:
        server = servers.start_make_run(exported_site, tmp_path)
    except servers.ServerError as error:
        pytest.fail(str(error))
    with servers.running(server):
        yield Site(server, exported_site)


@pytest.fixture
def site_without_its_start(exported_site: Path, tmp_path: Path) -> Iterator[Site]:
    """A copy of the exported site without its start-up modules, as if the network lost each one, served."""
    folder = tmp_path / "site"
    shutil.copytree(exported_site, folder)
    lost = list((folder / "assets").glob("start-*.js*"))
    assert lost, "the export has no start-up modules to lose"
    for module in lost:
        module.unlink()
    try:
        server = servers.start_make_run(folder, tmp_path)
    except servers.ServerError as error:
        pytest.fail(str(error))
    with servers.running(server):
        yield Site(server, folder)


def visit(tab: Tab, url: str) -> None:
    """Open a guide page and wait for the app to start on it, and for the site's modules it then adds."""
    tab.open(url)
    tab.wait_for_app()
    tab.wait_for_scripts()


def is_open(tab: Tab, element_id: str) -> bool:
    """Whether the details element with this id is open."""
    return tab.evaluate(f"document.getElementById({json.dumps(element_id)}).open")


def is_shown(tab: Tab, selector: str) -> bool:
    """Whether the element is rendered (closed details content and `hidden` elements are not)."""
    element = f"document.querySelector({json.dumps(selector)})"
    return tab.evaluate(f"{element}.checkVisibility() && {element}.getBoundingClientRect().height > 0")


def focused(tab: Tab) -> str:
    """The id of the focused element."""
    return tab.evaluate("document.activeElement.id")


def path(tab: Tab) -> str:
    """The address bar's path and query."""
    return tab.evaluate("location.pathname + location.search")


def section_header(number: int) -> str:
    """The selector of the numbered section's header."""
    return f"#section-{GUIDE.sections[number - 1].slug}-heading"


def topic_header(slug: str) -> str:
    """The selector of a topic's header."""
    return f"#topic-{slug}-heading"


def overview(slug: str) -> str:
    """The selector of a topic's overview, shown only while the topic is open."""
    return f"#topic-{slug} > :not(summary)"


def test_the_guide_reads_and_its_sections_and_topics_open_and_close(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/")
    assert tab.evaluate(f"document.getElementById({json.dumps(dom.GUIDE_TITLE)}).textContent") == GUIDE.title
    assert is_shown(tab, f"#{dom.DISCLAIMER}")
    topic = GUIDE.sections[1].topics[2]
    assert not is_shown(tab, overview(topic.slug))
    tab.click(section_header(2))
    tab.click(section_header(3))
    assert is_open(tab, f"section-{GUIDE.sections[1].slug}")
    assert is_open(tab, f"section-{GUIDE.sections[2].slug}")
    tab.click(topic_header(topic.slug))
    assert is_shown(tab, overview(topic.slug))
    assert topic.overview.text.split(".")[0] in tab.evaluate(f"document.getElementById('topic-{topic.slug}').innerText")
    tab.click(topic_header(topic.slug))
    assert not is_shown(tab, overview(topic.slug))
    tab.click(section_header(2))
    assert not is_open(tab, f"section-{GUIDE.sections[1].slug}")
    assert is_open(tab, f"section-{GUIDE.sections[2].slug}")


def test_keyboard_tab_enter_space_arrows_home_end(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/")
    first = section_header(1)[1:]
    for _ in range(6):
        tab.press("Tab")
        if focused(tab) == first:
            break
    assert focused(tab) == first
    assert tab.evaluate(
        "document.activeElement.matches(':focus-visible') && getComputedStyle(document.activeElement).outlineStyle"
        " !== 'none'"
    )
    tab.press("Enter")
    assert is_open(tab, f"section-{GUIDE.sections[0].slug}")
    tab.press("ArrowDown")
    assert focused(tab) == topic_header(GUIDE.topics[0].slug)[1:]
    tab.press(" ")
    assert is_open(tab, f"topic-{GUIDE.topics[0].slug}")
    tab.press(" ")
    assert not is_open(tab, f"topic-{GUIDE.topics[0].slug}")
    tab.press("End")
    assert focused(tab) == section_header(5)[1:]
    tab.press("Home")
    assert focused(tab) == first
    tab.press("ArrowUp")
    assert focused(tab) == section_header(5)[1:]
    tab.press("ArrowDown")
    assert focused(tab) == first
    tab.press("Enter")
    assert not is_open(tab, f"section-{GUIDE.sections[0].slug}")


def test_show_all_opens_every_section_and_hide_all_closes_them(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/")
    button = dom.selector(dom.SHOW_ALL, "button")
    tab.click(button)
    assert all(is_open(tab, f"section-{section.slug}") for section in GUIDE.sections)
    assert tab.evaluate(f"document.querySelector({json.dumps(button)}).innerText.trim()") == WORDING.hide_all_sections
    tab.click(button)
    assert not any(is_open(tab, f"section-{section.slug}") for section in GUIDE.sections)
    assert tab.evaluate(f"document.querySelector({json.dumps(button)}).innerText.trim()") == WORDING.show_all_sections


def visible_questions(tab: Tab) -> list[str]:
    """The ids of the questions the filter shows."""
    return tab.evaluate("[...document.querySelectorAll('.faq-item')].filter((d) => !d.hidden).map((d) => d.id)")


def expected_questions(query: str) -> list[str]:
    """The ids of the questions the matching rule matches."""
    return [f"faq-{faq.slug}" for faq in questions_matching(query)]


COUNT_JS = f"document.getElementById({json.dumps(dom.FAQ_COUNT)}).textContent"


def count(tab: Tab) -> str:
    """What the filter says it shows."""
    return tab.evaluate(COUNT_JS)


QUERIES = ["addic", "dissociátion", "effects side", "xyzzy"]


def test_typing_in_the_faq_filter_shows_what_the_matching_rule_matches(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/")
    for query in QUERIES:
        tab.click(f"#{dom.FAQ_INPUT}")
        tab.type(query)
        expected = expected_questions(query)
        tab.wait_for(f"{COUNT_JS} === {json.dumps(f'{len(expected)} of {len(GUIDE.faqs)} questions')}")
        assert visible_questions(tab) == expected, query
        tab.wait_for("location.search.startsWith('?q=')")
        tab.press("Escape")
        assert tab.evaluate(f"document.getElementById({json.dumps(dom.FAQ_INPUT)}).value") == ""
        assert len(visible_questions(tab)) == len(GUIDE.faqs)
        tab.wait_for("location.search === ''")


def test_a_filtered_address_opens_filtered_and_highlighted(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/?q=side+effects")
    assert visible_questions(tab) == expected_questions("side effects")
    marks = tab.evaluate("[...document.querySelectorAll('#faq-side-effects mark')].map((m) => m.textContent)")
    assert [mark.lower() for mark in marks] == ["side", "effects", "side", "effects", "effects"]


def test_the_guides_search_finds_a_typo_and_its_result_opens_the_topic_with_the_words_marked(
    tab: Tab, site: Site
) -> None:
    visit(tab, site.url + "/")
    tab.click(f"#{dom.SEARCH}")
    tab.type("intranasel")
    results = f"document.querySelectorAll({json.dumps(f'#{dom.SEARCH_RESULTS} li a')})"
    tab.wait_for(f"{results}.length === 1")
    tab.wait_for("location.search === '?s=intranasel'")
    tab.follow(f"#{dom.SEARCH_RESULTS} li a", "/topics/administration-methods")
    tab.wait_for_app()
    assert is_open(tab, "topic-administration-methods")
    marks = "document.querySelectorAll('#topic-administration-methods .overview mark')"
    tab.wait_for(f"{marks}.length === 1")
    assert tab.evaluate(f"{marks}[0].textContent.toLowerCase()") == "intranasal"
    box = f"{marks}[0].getBoundingClientRect()"
    assert tab.evaluate(f"{box}.top >= 0 && {box}.bottom <= innerHeight")


def test_a_topic_link_opens_that_topic_in_view_with_focus_on_its_heading(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/topics/nmda-receptors")
    assert is_open(tab, "section-mechanisms-and-neurobiology")
    assert is_open(tab, "topic-nmda-receptors")
    tab.wait_for("document.activeElement.id === 'topic-nmda-receptors-heading'")
    box = "document.activeElement.getBoundingClientRect()"
    assert tab.evaluate(f"{box}.top >= 0 && {box}.bottom <= innerHeight")


def test_opening_a_topic_puts_its_url_in_the_address_bar_without_history_entries(tab: Tab, site: Site) -> None:
    visit(tab, site.url + "/")
    history = tab.evaluate("history.length")
    tab.click("#section-mechanisms-and-neurobiology-heading")
    tab.click(topic_header("nmda-receptors"))
    tab.wait_for("location.pathname === '/topics/nmda-receptors'")
    tab.click(topic_header("glutamate-pathways"))
    tab.wait_for("location.pathname === '/topics/glutamate-pathways'")
    tab.click(topic_header("glutamate-pathways"))
    tab.wait_for("location.pathname === '/'")
    assert tab.evaluate("history.length") == history


def test_a_question_link_opens_the_question(tab: Tab, site: Site) -> None:
    faq = GUIDE.faqs[-1]
    visit(tab, f"{site.url}/#faq-{faq.slug}")
    tab.wait_for(f"document.getElementById('faq-{faq.slug}').open")


def test_share_without_a_share_sheet_copies_the_topic_link_and_confirms_it(tab: Tab, site: Site) -> None:
    topic = next(topic for topic in GUIDE.topics if topic.slug == "managing-ptsd")
    visit(tab, f"{site.url}/topics/{topic.slug}")
    assert tab.evaluate("navigator.share === undefined")
    tab.click(f"#topic-{topic.slug} .share")
    status = f"document.getElementById({json.dumps(dom.SHARE_STATUS)}).textContent"
    tab.wait_for(f"{status} === {json.dumps(WORDING.link_copied.format(title=topic.title))}")


def test_the_404_page_is_plain_html_whose_links_open_topics(tab: Tab, site: Site) -> None:
    tab.open(site.url + "/topics/no-such-topic")
    assert tab.evaluate("document.querySelector('h1').textContent") == WORDING.not_found_title
    assert tab.evaluate("document.scripts.length") == 0
    tab.follow("a[href='/topics/nmda-receptors']", "/topics/nmda-receptors")
    tab.wait_for_app()
    tab.wait_for("document.activeElement.id === 'topic-nmda-receptors-heading'")


def opened(tab: Tab) -> list[str]:
    """The ids of the open disclosures."""
    return tab.evaluate("[...document.querySelectorAll('details[open]')].map((d) => d.id).sort()")


def test_a_reload_reopens_what_the_reader_had_open(tab: Tab, site: Site) -> None:
    visit(tab, f"{site.url}/")
    section, topic, faq = GUIDE.sections[2], GUIDE.sections[2].topics[-1], GUIDE.faqs[1]
    for header in (section_header(1), f"#section-{section.slug}-heading", topic_header(topic.slug)):
        tab.click(header)
    tab.click(f"#faq-{faq.slug}-heading")
    tab.wait_for(f"location.pathname === '/topics/{topic.slug}'")
    before = opened(tab)
    kept = f"JSON.stringify(JSON.parse(sessionStorage.getItem({json.dumps(dom.OPEN_STORE)}) || '[]').sort())"
    tab.wait_for(f"{kept} === {json.dumps(json.dumps(before, separators=(',', ':')))}")
    tab.reload()
    tab.wait_for_app()
    tab.wait_for(f"document.querySelectorAll('details[open]').length === {len(before)}")
    assert opened(tab) == before
    assert path(tab) == f"/topics/{topic.slug}"


def test_a_reload_keeps_the_readers_place_and_a_new_link_still_opens_on_its_topic(tab: Tab, site: Site) -> None:
    address = f"{site.url}/topics/nmda-receptors"
    visit(tab, address)
    tab.evaluate("window.scrollBy(0, 300)")
    place = tab.evaluate("window.scrollY")
    assert place > 0
    tab.reload()
    tab.wait_for_app()
    tab.wait_for(f"document.readyState === 'complete' && window.scrollY === {place}")
    visit(tab, address)
    box = "document.getElementById('topic-nmda-receptors-heading').getBoundingClientRect()"
    tab.wait_for(f"{box}.top >= 0 && {box}.bottom <= innerHeight")


def test_once_the_loader_stops_asking_for_a_start_that_never_arrives_the_faq_field_says_to_reload(
    engine: Engine, site_without_its_start: Site
) -> None:
    unavailable = f"document.documentElement.hasAttribute({json.dumps(dom.UNAVAILABLE)})"
    with engine.tab() as tab:  # not watched: the engine may log each lost module as an error
        tab.open(f"{site_without_its_start.url}/")
        tab.wait_for(unavailable, timeout=20)
        hints = {
            name: tab.evaluate(f"getComputedStyle(document.querySelector('#{dom.FAQ_HINT} .{name}')).visibility")
            for name in (dom.IF_UNAVAILABLE, dom.UNTIL_STARTED, dom.WHEN_STARTED)
        }
        assert hints == {dom.IF_UNAVAILABLE: "visible", dom.UNTIL_STARTED: "hidden", dom.WHEN_STARTED: "hidden"}
        text = tab.evaluate(f"document.querySelector('#{dom.FAQ_HINT} .{dom.IF_UNAVAILABLE}').textContent")
        assert text == WORDING.faq_search_unavailable
        assert [problem for problem in tab.problems() if "/assets/start-" not in problem] == []


def test_every_page_and_interaction_runs_without_a_violation_or_console_error(tab: Tab, site: Site) -> None:
    for topic in GUIDE.topics:
        visit(tab, f"{site.url}/topics/{topic.slug}")
    tab.open(f"{site.url}/topics/no-such-topic")
    visit(tab, f"{site.url}/?q=side+effects")
    tab.click(dom.selector(dom.SHOW_ALL, "button"))
    tab.click(dom.selector(dom.SHOW_ALL, "button"))
    tab.click(section_header(1))
    for key in ("ArrowDown", " ", "End", "Home", "Enter"):
        tab.press(key)
    tab.click(f"#{dom.FAQ_INPUT}")
    tab.type(" xyzzy")
    tab.press("Escape")
    visit(tab, f"{site.url}/topics/{GUIDE.topics[0].slug}")
    tab.click(f"#topic-{GUIDE.topics[0].slug} .share")
    tab.wait_for(f"document.getElementById({json.dumps(dom.SHARE_STATUS)}).textContent !== ''")


def test_the_watch_sees_a_script_the_policy_blocks_and_an_uncaught_error(engine: Engine, site: Site) -> None:
    """The watch that every other test relies on bites: a script the policy does not know, and an error, are seen."""
    with engine.tab() as tab:
        visit(tab, site.url + "/")
        tab.evaluate(
            "(() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            " document.body.append(s); })()"
        )
        tab.evaluate("new Promise((done) => setTimeout(done, 100))")
        assert tab.evaluate("window.injected === undefined")
        tab.evaluate("setTimeout(() => { throw new Error('thrown by the test'); }, 0)")
        tab.evaluate("new Promise((done) => setTimeout(done, 100))")
        problems = tab.problems()
    assert any("CSP violation: script-src-elem" in problem for problem in problems), problems
    assert any("thrown by the test" in problem for problem in problems), problems


STATUS_JS = f"document.getElementById({json.dumps(dom.OFFLINE_STATUS)}).textContent"


def save_offline_copy(tab: Tab, url: str) -> None:
    """A reader's first visit: the page loads, the app starts, the offline copy is saved."""
    visit(tab, url)
    tab.wait_for(f"{STATUS_JS} === {json.dumps(WORDING.offline_saved)}", timeout=SAVED_TIMEOUT_S)
    tab.wait_for("navigator.serviceWorker.controller !== null")


def every_page_opens(tab: Tab, url: str, offline_copy_runs: str) -> None:
    """Every topic, a filtered address, a question's link and the 404 page, from the offline copy.

    On each topic's page, the JavaScript condition `offline_copy_runs` comes true (offline.js runs there too).
    """
    for topic in GUIDE.topics[1:]:
        visit(tab, f"{url}/topics/{topic.slug}")
        assert is_open(tab, f"topic-{topic.slug}")
        tab.wait_for(offline_copy_runs)
    visit(tab, f"{url}/?q=addiction")
    assert count(tab) == f"{len(questions_matching('addiction'))} of {len(GUIDE.faqs)} questions"
    visit(tab, f"{url}/#faq-{GUIDE.faqs[-1].slug}")
    tab.wait_for(f"document.getElementById('faq-{GUIDE.faqs[-1].slug}').open")
    tab.open(f"{url}/topics/no-such-topic")
    assert tab.evaluate("document.querySelector('h1').textContent") == WORDING.not_found_title


def test_after_one_visit_every_page_opens_offline_in_firefox(firefox: Firefox, own_site: Site) -> None:
    with firefox.tab() as tab:
        save_offline_copy(tab, f"{own_site.url}/topics/{GUIDE.topics[0].slug}")
        tab.set_offline(True)
        tab.wait_for(f"{STATUS_JS} === {json.dumps(WORDING.offline_now_saved)}")
        every_page_opens(tab, own_site.url, f"document.documentElement.hasAttribute({json.dumps(dom.OFFLINE)})")
        tab.set_offline(False)
        assert tab.problems() == []


def test_after_one_visit_every_page_opens_with_the_server_stopped_in_webkit(webkit: WebKit, own_site: Site) -> None:
    """WebKitWebDriver cannot take the network away: the server is stopped, which a reader sees the same way."""
    with watched(webkit) as tab:
        save_offline_copy(tab, f"{own_site.url}/topics/{GUIDE.topics[0].slug}")
        servers.stop(own_site.server)
        every_page_opens(tab, own_site.url, f"{STATUS_JS} === {json.dumps(WORDING.offline_saved)}")
