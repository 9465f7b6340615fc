"""Specification of the content: what ships in content/ is valid; editing it is safe; the source report reports.

Only the first two tests read content/ (their job is the shipped content). Every other test builds a fixture
guide, so rewording a sentence, adding a topic or a question, or changing the review dates fails none of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from ketaguide_app.__main__ import main as command
from ketaguide_app.content import CONTENT_DIR, load_guide
from ketaguide_app.models import Guide
from ketaguide_app.source_report import compare
from tests.fixture_guides import copy_of_guide, edit

ROOT = CONTENT_DIR.parent
MINIMAL_TOPIC = "sections/01-first-steps/01-opening-topic.md"


def test_the_shipped_content_is_valid() -> None:
    assert load_guide(CONTENT_DIR).sections


def test_the_check_command_passes_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert command(["check", str(CONTENT_DIR)]) == 0
    assert f"{CONTENT_DIR}: ok (" in capsys.readouterr().out


def test_a_title_edit_keeps_the_topics_slug(tmp_path: Path) -> None:
    directory = copy_of_guide(tmp_path, "minimal")
    edit(directory, MINIMAL_TOPIC, r"^title: .*$", 'title: "A Retitled Topic"')
    topic = load_guide(directory).topics[0]
    assert (topic.title, topic.slug) == ("A Retitled Topic", "opening-topic")


def test_an_overview_keeps_its_paragraphs_and_line_breaks(tmp_path: Path) -> None:
    directory = copy_of_guide(tmp_path, "minimal")
    overview = "The first paragraph,\nover two lines.\n\nThe second paragraph."
    edit(directory, MINIMAL_TOPIC, r"^The overview of the opening topic\.$", overview)
    assert load_guide(directory).topics[0].overview.markdown == overview


def test_a_topic_and_the_section_holding_it_are_found_by_the_topics_slug(tmp_path: Path) -> None:
    guide = load_guide(copy_of_guide(tmp_path, "minimal"))
    last = guide.sections[-1]
    assert guide.section_of(last.topics[0].slug) == last
    assert guide.section_of(guide.sections[0].topics[-1].slug) == guide.sections[0]
    assert guide.topic(last.topics[0].slug) == last.topics[0]
    assert guide.section_of(last.slug) is None
    assert guide.topic("no-such-topic") is None


@pytest.mark.parametrize("field", ["faqs", "sections"])
def test_a_guide_with_one_slug_twice_is_refused(tmp_path: Path, field: str) -> None:
    fields = load_guide(copy_of_guide(tmp_path, "minimal")).model_dump()
    fields[field] = [*fields[field], fields[field][0]]
    twice = fields[field][0]["slug"]
    with pytest.raises(ValidationError, match=f"the slug '{twice}' is used more than once"):
        Guide.model_validate(fields)


def test_make_run_refuses_to_start_on_broken_content_with_the_same_message(tmp_path: Path) -> None:
    directory = copy_of_guide(tmp_path, "minimal")
    edit(directory, MINIMAL_TOPIC, r"^subtitle: .*$", 'subtitle: ""')
    env = dict(os.environ, KETAGUIDE_CONTENT_DIR=str(directory), REFLEX_CHECK_LATEST_VERSION="false")
    result = subprocess.run(
        [sys.executable, "-m", "ketaguide_app", "run", "--port", "3999"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{directory / MINIMAL_TOPIC}: topic 'opening-topic', field 'subtitle': must not be empty" in output
    assert "Traceback" not in output


ARTICLE = """Opening Topic: Where the Guide Begins
Overview: The overview of the opening topic.
Q1: What is the first question?
A: The answer to the first question.
Leave a Reply
Related Posts about something else
"""


def test_the_source_report_lists_what_an_editor_reworded_and_any_page_chrome(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert compare(load_guide(copy_of_guide(tmp_path / "as-published", "minimal")), article).missing == []
    directory = copy_of_guide(tmp_path / "edited", "minimal")
    edit(directory, MINIMAL_TOPIC, r"^The overview of the opening topic\.$", "A reworded overview.")
    edit(directory, "faqs/01-first-question.md", r"^The answer.*$", "The answer. Related Posts about something else")
    report = compare(load_guide(directory), article)
    assert report.missing == ["The overview of the opening topic.", "The answer to the first question."]
    assert report.chrome == ["Related Posts about something else"]


def test_the_source_report_is_a_report_not_a_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.replace("first question", "very first question"), encoding="utf-8")
    directory = copy_of_guide(tmp_path, "minimal")
    assert command(["source-report", str(article), str(directory)]) == 0
    assert "  - What is the very first question" in capsys.readouterr().out
