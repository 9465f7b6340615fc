"""Specification of `make preview` in Chromium: saves show in the open tab, mistakes over it, a burst is one rebuild.

A save shows in the open tab where the reader was; a mistake is shown over the last good page until a save fixes
it; twenty files rewritten at once make one rebuild.

Each test runs the real preview on a copy of the full fixture guide (`tests/preview.py`) and only saves files:
the tab is never reloaded or navigated by the test once it is open.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from ketaguide_app import dom
from ketaguide_app.preview.watch import DEBOUNCE_MS
from ketaguide_app.wording import WORDING
from tests.browser.conftest import wait_for_app
from tests.browser.helpers import axe_violations, tap
from tests.fixture_guides import GUIDE, TOPIC_FILE, edit
from tests.preview import Preview
from tests.servers import PYTHON, ROOT

# A rebuild takes a few seconds here; the page then reloads itself onto it.
SHOWN_TIMEOUT_MS = 60_000
SECTION = GUIDE.sections[2]
TOPIC = SECTION.topics[-1]
TOPIC_PATH = "sections/03-mechanisms-and-neurobiology/02-glutamate-pathways.md"
NAVIGATION_TYPE_JS = "() => performance.getEntriesByType('navigation')[0].type"


def opened(page: Page) -> list[str]:
    """The ids of the open disclosures."""
    return page.eval_on_selector_all("details[open]", "(open) => open.map((d) => d.id).sort()")


def test_a_saved_change_appears_in_the_open_tab_on_the_same_topic_and_scroll(page: Page, preview: Preview) -> None:
    assert f"slug: {TOPIC.slug}" in (preview.content / TOPIC_PATH).read_text(encoding="utf-8")
    page.goto(f"{preview.url}/")
    wait_for_app(page)
    tap(page.locator(f"#{dom.section_heading_id(SECTION.slug)}"))
    tap(page.locator(f"#{dom.topic_heading_id(TOPIC.slug)}"))
    expect(page).to_have_url(f"{preview.url}/topics/{TOPIC.slug}")
    page.evaluate("(id) => window.scrollTo(0, document.getElementById(id).offsetTop - 40)", dom.topic_id(TOPIC.slug))
    place = (opened(page), page.evaluate("scrollY"))
    assert place[1] > 0

    edit(preview.content, TOPIC_PATH, r"^subtitle: .*$", 'subtitle: "Saved while the tab was open"')

    expect(page.locator(f"#{dom.topic_id(TOPIC.slug)}")).to_contain_text(
        "Saved while the tab was open", timeout=SHOWN_TIMEOUT_MS
    )
    assert page.evaluate(NAVIGATION_TYPE_JS) == "reload"  # the page reloaded itself onto the new build
    wait_for_app(page)
    assert (opened(page), page.evaluate("scrollY")) == place
    expect(page).to_have_url(f"{preview.url}/topics/{TOPIC.slug}")


def check_message(content: Path) -> str:
    """The one line `make check` prints for the content folder's mistake."""
    result = subprocess.run(
        [PYTHON, "-m", "ketaguide_app", "check", str(content)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    return result.stderr.strip()


def test_a_mistake_is_shown_over_the_last_good_page_until_a_save_fixes_it(page: Page, preview: Preview) -> None:
    topic = preview.content / TOPIC_FILE
    good = topic.read_text(encoding="utf-8")
    page.goto(f"{preview.url}/")
    wait_for_app(page)

    edit(preview.content, TOPIC_FILE, r"^subtitle: .*$", 'subtitle: ""')

    overlay = page.locator(f"#{dom.PREVIEW_OVERLAY}")
    expect(overlay).to_be_visible(timeout=SHOWN_TIMEOUT_MS)
    message = check_message(preview.content)
    assert re.fullmatch(r"content error: .*02-science-of-dissociation\.md: topic '.*', field 'subtitle': .*", message)
    expect(overlay).to_have_attribute("role", "alert")
    expect(overlay).to_have_text(f"{WORDING.preview_error}{message}")
    assert message in preview.terminal()
    expect(page.locator("#topic-science-of-dissociation")).to_contain_text("How Ketamine Works")
    assert page.evaluate(NAVIGATION_TYPE_JS) == "navigate"  # the last good page stays as it was
    assert axe_violations(page) == []

    topic.write_text(good, encoding="utf-8")

    expect(overlay).to_have_count(0, timeout=SHOWN_TIMEOUT_MS)
    expect(page.locator("#topic-science-of-dissociation")).to_contain_text("How Ketamine Works")
    assert preview.status()["error"] is None


def twenty_files(content: Path) -> list[Path]:
    """Twenty of the guide's files, each with a title or question to rewrite."""
    files = sorted(path for path in content.rglob("*.md") if path.name != "conclusion.md")
    assert len(files) >= 20
    return files[:20]


def test_rewriting_twenty_files_at_once_rebuilds_once_and_shows_them_all(page: Page, preview: Preview) -> None:
    page.goto(f"{preview.url}/")
    wait_for_app(page)
    seen = preview.status()

    for path in twenty_files(preview.content):  # as `git checkout` rewrites them
        edit(
            preview.content, path.relative_to(preview.content).as_posix(), r'^(title|question): "(.*)"$', r'\1: "\2 v2"'
        )

    expect(page.locator("h1")).to_have_text(f"{GUIDE.title} v2", timeout=SHOWN_TIMEOUT_MS)
    expect(page.locator(f"#{dom.faq_heading_id(GUIDE.faqs[0].slug)}")).to_contain_text(f"{GUIDE.faqs[0].question} v2")
    time.sleep(2 * DEBOUNCE_MS / 1000)  # long enough for a second rebuild to have begun, were there one
    now = preview.status()
    assert (now["rebuilds"], now["version"], now["error"]) == (seen["rebuilds"] + 1, seen["version"] + 1, None)
    assert preview.terminal().count("rebuilding:") == 2  # the first build, then one for the twenty files
    assert "rebuilding: 20 changed" in preview.terminal()
