"""Specification of the content: the whole guide is there, and every kind of mistake is named precisely."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ketaguide_app.__main__ import main as check_command
from ketaguide_app.content import CONTENT_DIR, ContentError, load_guide
from ketaguide_app.models import SLUG_PATTERN, Guide
from tests.content_fixtures import FAQ_FILE, FIRST_TOPIC_FILE, TOPIC_FILE, copy_of_guide, edit, seed_phrases

ROOT = CONTENT_DIR.parent


def all_text(guide: Guide) -> str:
    parts = [guide.title, guide.introduction, guide.conclusion]
    for section in guide.sections:
        parts.append(section.title)
        parts += [f"{t.title} {t.subtitle} {t.overview}" for t in section.topics]
    parts += [f"{f.question} {f.answer}" for f in guide.faqs]
    return "\n".join(parts)


def test_the_content_holds_every_sentence_of_the_guide_verbatim() -> None:
    text = all_text(load_guide(CONTENT_DIR))
    missing = [phrase for phrase in seed_phrases() if phrase not in text]
    assert missing == []


def test_the_content_has_the_guides_structure() -> None:
    guide = load_guide(CONTENT_DIR)
    assert [len(s.topics) for s in guide.sections] == [2, 4, 2, 2, 2]
    assert len(guide.faqs) == 5
    assert guide.topics[0].title == "What Is Ketamine?"
    assert guide.topics[0].subtitle == "A Primer on the Substance"
    assert guide.sections[2].title == "Mechanisms and Neurobiology"


@pytest.mark.parametrize("chrome", ["Leave a Reply", "On Key", "Related Posts", "DB Cooper", "Northwest Orient", "**"])
def test_page_chrome_and_stray_markup_are_not_content(chrome: str) -> None:
    assert chrome not in all_text(load_guide(CONTENT_DIR))


def test_a_health_page_has_a_disclaimer_and_review_dates() -> None:
    guide = load_guide(CONTENT_DIR)
    assert "not medical advice" in guide.disclaimer
    assert guide.last_reviewed < guide.next_review_due


def test_every_slug_is_url_safe_and_unique() -> None:
    guide = load_guide(CONTENT_DIR)
    slugs = [s.slug for s in guide.sections] + [t.slug for t in guide.topics]
    assert len(set(slugs)) == len(slugs)
    assert all(__import__("re").fullmatch(SLUG_PATTERN, slug) for slug in slugs)


def test_the_guide_is_loaded_once_per_folder() -> None:
    assert load_guide(CONTENT_DIR) is load_guide(CONTENT_DIR)


def test_a_title_edit_keeps_the_topics_slug(tmp_path: Path) -> None:
    directory = copy_of_guide(tmp_path)
    edit(directory, FIRST_TOPIC_FILE, r"^title: .*$", 'title: "What Exactly Is Ketamine?"')
    topic = load_guide(directory).topics[0]
    assert (topic.title, topic.slug) == ("What Exactly Is Ketamine?", "what-is-ketamine")


Breakage = Callable[[Path], object]
BROKEN_INPUTS: list[tuple[str, Breakage, str, str, str | None, str]] = [
    (
        "missing field",
        lambda d: edit(d, TOPIC_FILE, r"^subtitle: .*\n", ""),
        TOPIC_FILE,
        "topic 'science-of-dissociation'",
        "subtitle",
        "the field is missing",
    ),
    (
        "empty field",
        lambda d: edit(d, TOPIC_FILE, r"^subtitle: .*$", 'subtitle: "  "'),
        TOPIC_FILE,
        "topic 'science-of-dissociation'",
        "subtitle",
        "must not be empty",
    ),
    (
        "empty body",
        lambda d: edit(d, FAQ_FILE, r"^Side effects.*$", ""),
        FAQ_FILE,
        "faq 'side-effects'",
        "answer (the text below the front matter)",
        "must not be empty",
    ),
    (
        "unknown field",
        lambda d: edit(d, TOPIC_FILE, r"^subtitle: ", "subtitel: "),
        TOPIC_FILE,
        "topic 'science-of-dissociation'",
        "subtitel",
        "unknown field",
    ),
    (
        "duplicate topic slug",
        lambda d: edit(d, TOPIC_FILE, r"^slug: .*$", "slug: what-is-ketamine"),
        TOPIC_FILE,
        "slug 'what-is-ketamine'",
        "slug",
        "must be unique",
    ),
    (
        "duplicate question slug",
        lambda d: edit(d, FAQ_FILE, r"^slug: .*$", "slug: addiction-or-misuse"),
        FAQ_FILE,
        "slug 'addiction-or-misuse'",
        "slug",
        "must be unique",
    ),
    (
        "slug that is not URL-safe",
        lambda d: edit(d, TOPIC_FILE, r"^slug: .*$", 'slug: "How Ketamine Works!"'),
        TOPIC_FILE,
        "topic 'How Ketamine Works!'",
        "slug",
        "URL-safe",
    ),
    (
        "malformed front matter",
        lambda d: edit(d, TOPIC_FILE, r"^subtitle: .*$", "subtitle: [How Ketamine Works"),
        TOPIC_FILE,
        "02-science-of-dissociation.md",
        None,
        "not valid YAML",
    ),
    (
        "wrong date",
        lambda d: edit(d, "guide.md", r"^last_reviewed: .*$", "last_reviewed: 2026-13-45"),
        "guide.md",
        "guide",
        "last_reviewed",
        "date",
    ),
    (
        "review due before the last review",
        lambda d: edit(d, "guide.md", r"^next_review_due: .*$", "next_review_due: 2020-01-01"),
        "guide.md",
        "guide",
        "next_review_due",
        "must come after last_reviewed",
    ),
    (
        "summary of the disclaimer without the advice for a reader in crisis",
        lambda d: edit(d, "guide.md", r"^disclaimer_summary: .*$", 'disclaimer_summary: "Not medical advice."'),
        "guide.md",
        "guide",
        "disclaimer_summary",
        "must keep the disclaimer's last sentence word for word",
    ),
    (
        "short title too long for the top of a topic page",
        lambda d: edit(d, "guide.md", r"^short_title: .*$", f'short_title: "{"Ketamine " * 5}"'),
        "guide.md",
        "guide",
        "short_title",
        "at most 40 characters",
    ),
    (
        "empty introduction",
        lambda d: edit(d, "guide.md", r"^Ketamine therapy has emerged.*$", ""),
        "guide.md",
        "guide in guide.md",
        "introduction (the text below the front matter)",
        "must not be empty",
    ),
    (
        "empty conclusion",
        lambda d: (d / "conclusion.md").write_text("\n", encoding="utf-8"),
        "conclusion.md",
        "conclusion in conclusion.md",
        "conclusion (the text below the front matter)",
        "must not be empty",
    ),
    (
        "front matter where none belongs",
        lambda d: (d / "conclusion.md").write_text("---\ntitle: Conclusion\n---\nText.\n", encoding="utf-8"),
        "conclusion.md",
        "conclusion in conclusion.md",
        "title",
        "unknown field",
    ),
    (
        "no questions",
        lambda d: [p.unlink() for p in (d / "faqs").glob("*.md")],
        "faqs",
        "faqs folder",
        None,
        "add at least one entry",
    ),
    (
        "missing file",
        lambda d: (d / "conclusion.md").unlink(),
        "conclusion.md",
        "conclusion.md",
        None,
        "the file is missing",
    ),
    (
        "section without topics",
        lambda d: [p.unlink() for p in (d / "sections/03-mechanisms-and-neurobiology").glob("0*.md")],
        "sections/03-mechanisms-and-neurobiology/_section.md",
        "section 'mechanisms-and-neurobiology'",
        "topics",
        "at least 1",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "file", "entry", "field", "problem"),
    [case[1:] for case in BROKEN_INPUTS],
    ids=[case[0] for case in BROKEN_INPUTS],
)
def test_broken_content_is_reported_with_file_entry_and_field(
    tmp_path: Path, *, breakage: Breakage, file: str, entry: str, field: str | None, problem: str
) -> None:
    directory = copy_of_guide(tmp_path)
    breakage(directory)
    with pytest.raises(ContentError) as raised:
        load_guide(directory)
    error = raised.value
    assert error.path == directory / file
    assert entry in error.entry
    assert error.field == field
    assert problem in error.problem
    assert str(error).startswith(f"{directory / file}: ")


def test_the_check_command_passes_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_command(["check"]) == 0
    assert "5 sections, 12 topics, 5 questions" in capsys.readouterr().out


def test_the_check_command_names_the_mistake_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = copy_of_guide(tmp_path)
    edit(directory, TOPIC_FILE, r"^subtitle: .*$", 'subtitle: ""')
    assert check_command(["check", str(directory)]) == 1
    error = capsys.readouterr().err
    assert f"{directory / TOPIC_FILE}: topic 'science-of-dissociation', field 'subtitle': must not be empty" in error
    assert "Traceback" not in error


def test_make_run_refuses_to_start_on_broken_content_with_the_same_message(tmp_path: Path) -> None:
    directory = copy_of_guide(tmp_path)
    edit(directory, TOPIC_FILE, r"^subtitle: .*$", 'subtitle: ""')
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
    assert f"{directory / TOPIC_FILE}: topic 'science-of-dissociation', field 'subtitle': must not be empty" in output
    assert "Traceback" not in output
