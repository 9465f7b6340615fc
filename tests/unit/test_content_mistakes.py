"""Specification of what an editor's mistake gets: one message naming the file(s), line, entry and field, no traceback.

Each case breaks one thing in a copy of the minimal fixture guide (tests/fixtures/guides/minimal).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ketaguide_app.__main__ import main as command
from ketaguide_app.content import leftovers, load_guide, overdue_review, published_guide
from ketaguide_app.content_error import ContentError
from ketaguide_app.front_matter import Document, parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "guides"
TOPIC = "sections/01-first-steps/01-opening-topic.md"
SECOND_TOPIC = "sections/01-first-steps/02-second-topic.md"
LAST_TOPIC = "sections/02-going-further/01-last-topic.md"
SECTION = "sections/01-first-steps/_section.md"
FAQ = "faqs/01-first-question.md"
TOPIC_TEXT = '---\nslug: opening-topic\ntitle: "Opening Topic"\nsubtitle: "Where the Guide Begins"\n---\nOverview.\n'


def guide_copy(tmp_path: Path, name: str = "minimal") -> Path:
    """A writable copy of a named fixture guide."""
    return Path(shutil.copytree(FIXTURES / name, tmp_path / name))


def write(relative: str, text: str | bytes) -> Callable[[Path], None]:
    """A mistake: this file with this content."""

    def breakage(guide: Path) -> None:
        path = guide / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return breakage


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """A mistake: one line of a file edited (the test fails if the line is not there)."""

    def breakage(guide: Path) -> None:
        path = guide / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return breakage


def remove(relative: str) -> Callable[[Path], None]:
    """A mistake: a file or folder deleted."""

    def breakage(guide: Path) -> None:
        path = guide / relative
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    return breakage


def link(relative: str, target: str) -> Callable[[Path], None]:
    """A mistake: a symbolic link that points at nothing."""
    return lambda guide: os.symlink(guide / target, guide / relative)


# The opening topic's body starts on line 6 of its file; each case below writes it and names the line it breaks.
OVERVIEW = "The overview of the opening topic."
OVERVIEW_LINE = 6
MARKDOWN_MISTAKES: dict[str, tuple[str, int, str]] = {
    # Raw HTML, inline or as a block, and what it is told to write instead
    "HTML block": ("Text.\n\n<div>boxed</div>", 8, "HTML is not published ('<div>boxed</div>'): scripts, styles"),
    "bold in HTML": ("Some <b>bold</b> words.", 6, "write **bold**"),
    "a script": ("Text.\n\n<script>alert(1)</script>", 8, "HTML is not published ('<script>"),
    "an image with a handler": ("Text <img src=x onerror=alert(1)> here.", 6, "HTML is not published ('<img"),
    "an iframe": ("Line one\nline two <iframe src=https://example.org></iframe>", 7, "HTML is not published"),
    "a Markdown image": ("Text ![a chart](/chart.png).", 6, "images are not published"),
    # Links: only https out of the guide, and only to what the guide has
    "javascript: link": ("A [link](javascript:alert(1)).", 6, "javascript: links are not published"),
    "javascript: autolink": ("See <javascript:alert(1)>.", 6, "javascript: links are not published"),
    "javascript: by reference": ("A [link][r].\n\n[r]: javascript:alert(1)", 6, "javascript: links are not published"),
    "data: link": ("A [link](data:text/html,hi).", 6, "data: links are not published"),
    "mail link": ("Write to <editor@example.org>.", 6, "mailto: links are not published"),
    "http link": ("A [link](http://example.org).", 6, "a link to another website must use https:"),
    "bare http address": ("See http://example.org/page for more.", 6, "must use https:"),
    "empty link": ("An [empty]() link.", 6, "the link has no address"),
    "address without scheme": ("A [link](//example.org).", 6, "write the address in full, starting with https:"),
    "relative link to a page": ("A [link](notes.html).", 6, "a link inside the guide is a site address"),
    "site page that does not exist": ("An [about](/about) link.", 6, "the guide has no page '/about'"),
    "site address with a query": ("A [search](/?q=side).", 6, "a link to the guide has no ?query"),
    "topic that does not exist": ("A [link](/topics/no-such-topic).", 6, "the guide has no page /topics/no-such-topic"),
    "heading that does not exist": (
        "Line one.\nA [link](/topics/second-topic#topic-second-topic--nowhere).",
        7,
        "the guide has no #topic-second-topic--nowhere to link to",
    ),
    "question that does not exist": ("A [link](/#faq-no-such-question).", 6, "the guide has no #faq-no-such-question"),
    "entry file that does not exist": ("A [link](02-no-such-topic.md).", 6, "which is not an entry of the guide"),
    "heading in an entry file that does not exist": (
        "A [link](02-second-topic.md#nowhere).",
        6,
        "the guide has no #topic-second-topic--nowhere",
    ),
    # Headings keep the outline
    "skipped heading level": ("# Dosing\n\n### Details", 8, "a heading skips a level (h1 to h3 as written)"),
    "heading deeper than h6": ("# A\n\n## B\n\n### C\n\n#### D", 12, "would be h7; the page stops at h6"),
    # Callouts and sources
    "unknown callout": ("> [!DANGER]\n> Careful.", 6, "unknown callout [!DANGER]: use one of [!NOTE], [!TIP]"),
    "callout text on its marker's line": ("> [!WARNING] Careful.", 6, "a callout's [!KIND] goes on a line of its own"),
    "note never referred to": ("Text.\n\n[^1]: A source.", 8, "note [^1] is never referred to"),
    "reference without its note": ("Text[^source].", 6, "refers to note [^source], which is not written"),
    "malformed DOI in a note": ("Text[^1].\n\n[^1]: See doi:10.12/x.", 8, "'10.12/x' is not a DOI"),
    "malformed DOI as a link": ("A [study](doi:abc).", 6, "'abc' is not a DOI"),
}


def markdown_mistake(body: str, line: int, problem: str) -> Mistake:
    """A mistake in the opening topic's Markdown, reported at its line."""
    return Mistake(
        replace(TOPIC, OVERVIEW, body),
        TOPIC,
        "topic 'opening-topic'",
        "overview (the text below the front matter)",
        problem,
        line,
    )


@dataclass(frozen=True)
class Mistake:
    """One editor's mistake and the message it must get: its file, line, entry, field and problem."""

    breakage: Callable[[Path], object]
    file: str
    entry: str
    field: str | None
    problem: str
    line: int | None = None


MISTAKES: dict[str, Mistake] = {
    # Fields
    "missing field": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"\n', ""),
        TOPIC,
        "topic 'opening-topic'",
        "subtitle",
        "the field is missing",
    ),
    "empty field": Mistake(
        replace(TOPIC, '"Where the Guide Begins"', '"   "'),
        TOPIC,
        "topic 'opening-topic'",
        "subtitle",
        "must not be empty",
    ),
    "field with no value": Mistake(
        replace(TOPIC, ' "Where the Guide Begins"', ""), TOPIC, "topic 'opening-topic'", "subtitle", "must not be empty"
    ),
    "misspelt field": Mistake(
        replace(TOPIC, "subtitle:", "subtilte:"), TOPIC, "topic 'opening-topic'", "subtilte", "unknown field"
    ),
    "list where text goes": Mistake(
        replace(TOPIC, '"Where the Guide Begins"', "[Where, Begins]"),
        TOPIC,
        "topic 'opening-topic'",
        "subtitle",
        "must be text",
    ),
    "number where text goes": Mistake(
        replace(TOPIC, '"Opening Topic"', "42"), TOPIC, "topic 'opening-topic'", "title", "must be text"
    ),
    "empty overview": Mistake(
        replace(TOPIC, "The overview of the opening topic.", ""),
        TOPIC,
        "topic 'opening-topic'",
        "overview (the text below the front matter)",
        "must not be empty",
    ),
    "empty answer": Mistake(
        replace(FAQ, "The answer to the first question.", "   "),
        FAQ,
        "faq 'first-question'",
        "answer (the text below the front matter)",
        "must not be empty",
    ),
    "empty introduction": Mistake(
        replace("guide.md", "The introduction of the minimal guide.", ""),
        "guide.md",
        "guide in guide.md",
        "introduction (the text below the front matter)",
        "must not be empty",
    ),
    "empty conclusion": Mistake(
        write("conclusion.md", "\n\n"),
        "conclusion.md",
        "conclusion in conclusion.md",
        "conclusion (the text below the front matter)",
        "must not be empty",
    ),
    "slug with capitals": Mistake(
        replace(TOPIC, "slug: opening-topic", "slug: Opening-Topic"), TOPIC, "topic 'Opening-Topic'", "slug", "URL-safe"
    ),
    "slug with spaces": Mistake(
        replace(FAQ, "slug: first-question", "slug: first question"), FAQ, "faq 'first question'", "slug", "URL-safe"
    ),
    "impossible date": Mistake(
        replace("guide.md", "last_reviewed: 2026-01-15", "last_reviewed: 2026-13-45"),
        "guide.md",
        "guide in guide.md",
        "last_reviewed",
        "date",
    ),
    "review due before the last one": Mistake(
        replace("guide.md", "next_review_due: 2027-01-15", "next_review_due: 2025-01-15"),
        "guide.md",
        "guide in guide.md",
        "next_review_due",
        "must come after last_reviewed",
    ),
    "summary without the crisis advice": Mistake(
        replace(
            "guide.md",
            'disclaimer_summary: "Not medical advice. If you are in crisis, call your local emergency number now."',
            'disclaimer_summary: "Not medical advice."',
        ),
        "guide.md",
        "guide in guide.md",
        "disclaimer_summary",
        "last sentence word for word",
    ),
    "short title too long": Mistake(
        replace("guide.md", 'short_title: "Minimal Guide"', f'short_title: "{"Minimal " * 6}"'),
        "guide.md",
        "guide in guide.md",
        "short_title",
        "must be at most 40 characters",
    ),
    # Slugs are addresses
    "two topics with one slug": Mistake(
        replace(LAST_TOPIC, "slug: last-topic", "slug: opening-topic"),
        LAST_TOPIC,
        "slug 'opening-topic'",
        "slug",
        f"is already the slug of {{guide}}/{TOPIC}",
    ),
    "a topic with its section's slug": Mistake(
        replace(SECOND_TOPIC, "slug: second-topic", "slug: first-steps"),
        SECOND_TOPIC,
        "slug 'first-steps'",
        "slug",
        f"is already the slug of {{guide}}/{SECTION}",
    ),
    "two questions with one slug": Mistake(
        replace("faqs/02-second-question.md", "slug: second-question", "slug: first-question"),
        "faqs/02-second-question.md",
        "slug 'first-question'",
        "slug",
        f"is already the slug of {{guide}}/{FAQ}",
    ),
    # YAML
    "unclosed bracket": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"', "subtitle: [Where the Guide Begins"),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML",
        line=4,
    ),
    "unclosed quote": Mistake(
        replace(TOPIC, 'title: "Opening Topic"', 'title: "Opening Topic'),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML",
        line=3,
    ),
    "colon inside a value": Mistake(
        replace(TOPIC, 'title: "Opening Topic"', "title: Opening: Topic"),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML: mapping values are not allowed here",
        line=3,
    ),
    "colon inside a value, a quoted value on two lines after it": Mistake(
        replace(
            TOPIC,
            'title: "Opening Topic"\nsubtitle: "Where the Guide Begins"',
            'title: Opening: Topic\nsubtitle: "Where the Guide\n  Begins"',
        ),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML: mapping values are not allowed here",
        line=3,
    ),
    "list item among the fields": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"', 'subtitle: "Where the Guide Begins"\n- extra'),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML",
        line=5,
    ),
    "control character in a value": Mistake(
        replace(TOPIC, '"Opening Topic"', '"Opening\x07Topic"'),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML: unacceptable character #x0007",
    ),
    "tab before a field": Mistake(
        replace(TOPIC, "subtitle:", "\tsubtitle:"), TOPIC, "01-opening-topic.md", None, "not valid YAML", line=4
    ),
    "field written twice": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"', 'subtitle: "Where the Guide Begins"\ntitle: "Again"'),
        TOPIC,
        "01-opening-topic.md",
        "title",
        "is written twice",
        line=5,
    ),
    "alias": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"', "subtitle: *title"),
        TOPIC,
        "01-opening-topic.md",
        None,
        "aliases",
        line=4,
    ),
    "python object tag": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"', "subtitle: !!python/object/apply:os.system [echo]"),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not valid YAML",
        line=4,
    ),
    "nested a thousand deep": Mistake(
        replace(TOPIC, 'subtitle: "Where the Guide Begins"', "subtitle: " + "[" * 5000 + "]" * 5000),
        TOPIC,
        "01-opening-topic.md",
        None,
        "nested too deeply",
    ),
    # The shape of a file
    "fields as a list": Mistake(
        write(TOPIC, "---\n- slug: opening-topic\n- title: Opening Topic\n---\nOverview.\n"),
        TOPIC,
        "01-opening-topic.md",
        None,
        "must be `field: value` lines",
        line=2,
    ),
    "fields as one line of text": Mistake(
        write(TOPIC, "---\nOpening Topic, where the guide begins\n---\nOverview.\n"),
        TOPIC,
        "01-opening-topic.md",
        None,
        "must be `field: value` lines",
        line=2,
    ),
    "no fields at all": Mistake(
        write(TOPIC, "Opening Topic\n\nOverview.\n"),
        TOPIC,
        "topic in 01-opening-topic.md",
        None,
        "has no fields",
        line=1,
    ),
    "empty file": Mistake(write(FAQ, ""), FAQ, "faq in 01-first-question.md", None, "has no fields", line=1),
    "nothing between the fences": Mistake(
        write(TOPIC, "---\n---\nOverview.\n"), TOPIC, "topic in 01-opening-topic.md", "slug", "the field is missing"
    ),
    "number for a slug": Mistake(
        replace(TOPIC, "slug: opening-topic", "slug: 42"), TOPIC, "topic in 01-opening-topic.md", "slug", "must be text"
    ),
    "two dashes for three": Mistake(
        write(TOPIC, TOPIC_TEXT.replace("---\n", "--\n", 1)),
        TOPIC,
        "01-opening-topic.md",
        None,
        "first line must be exactly `---`",
        line=1,
    ),
    "TOML fences": Mistake(
        write(TOPIC, TOPIC_TEXT.replace("---", "+++")),
        TOPIC,
        "01-opening-topic.md",
        None,
        "first line must be exactly `---`",
        line=1,
    ),
    "no closing fence": Mistake(
        write(TOPIC, TOPIC_TEXT.replace("---\nOverview", "Overview")),
        TOPIC,
        "01-opening-topic.md",
        None,
        "no closing `---` line",
        line=5,
    ),
    "Latin-1 file": Mistake(
        write(TOPIC, TOPIC_TEXT.replace("Overview.", "Café.").encode("latin-1")),
        TOPIC,
        "01-opening-topic.md",
        None,
        "not UTF-8",
    ),
    "text below a section's fields": Mistake(
        write(SECTION, '---\nslug: first-steps\ntitle: "First Steps"\n---\nAn introduction to the section.\n'),
        SECTION,
        "section 'first-steps'",
        None,
        "not shown; move it into a topic",
        line=5,
    ),
    "text below the fields of a section without a slug": Mistake(
        write(SECTION, '---\ntitle: "First Steps"\n---\nAn introduction to the section.\n'),
        SECTION,
        "section in _section.md",
        None,
        "not shown; move it into a topic",
        line=4,
    ),
    # Files and folders
    "guide.md missing": Mistake(remove("guide.md"), "guide.md", "guide.md", None, "the file is missing"),
    "conclusion.md missing": Mistake(
        remove("conclusion.md"), "conclusion.md", "conclusion.md", None, "the file is missing"
    ),
    "faqs folder missing": Mistake(remove("faqs"), "faqs", "faqs", None, "the folder is missing"),
    "section without _section.md": Mistake(remove(SECTION), SECTION, "_section.md", None, "the file is missing"),
    "section without topics": Mistake(
        remove("sections/02-going-further/01-last-topic.md"),
        "sections/02-going-further/_section.md",
        "section 'going-further'",
        "topics",
        "add at least one topic",
    ),
    "no sections": Mistake(
        lambda g: [shutil.rmtree(p) for p in (g / "sections").iterdir()],
        "sections",
        "sections folder",
        None,
        "add at least one section",
    ),
    "no questions": Mistake(
        lambda g: [p.unlink() for p in (g / "faqs").iterdir()], "faqs", "faqs folder", None, "add at least one question"
    ),
    "topic written as .markdown": Mistake(
        lambda g: (g / TOPIC).rename(g / TOPIC.replace(".md", ".markdown")),
        TOPIC.replace(".md", ".markdown"),
        "01-opening-topic.markdown",
        None,
        "rename it to 01-opening-topic.md",
    ),
    "question written as .MD": Mistake(
        lambda g: (g / FAQ).rename(g / FAQ.replace(".md", ".MD")),
        FAQ.replace(".md", ".MD"),
        "01-first-question.MD",
        None,
        "rename it to 01-first-question.md",
    ),
    "notes in the questions": Mistake(
        write("faqs/notes.txt", "to do"), "faqs/notes.txt", "notes.txt", None, "not part of the guide"
    ),
    "image among the topics": Mistake(
        write("sections/01-first-steps/photo.png", b"\x89PNG"),
        "sections/01-first-steps/photo.png",
        "photo.png",
        None,
        "not part of the guide: only .md files are read; move it out of the content folder or delete it",
    ),
    "topic outside a section's folder": Mistake(
        write("sections/03-loose-topic.md", TOPIC_TEXT),
        "sections/03-loose-topic.md",
        "03-loose-topic.md",
        None,
        "belongs in a section's folder",
    ),
    "folder inside a section": Mistake(
        write("sections/01-first-steps/drafts/01-draft.md", TOPIC_TEXT),
        "sections/01-first-steps/drafts",
        "drafts",
        None,
        "not part of the guide: a folder here is not read",
    ),
    "stray file at the top": Mistake(
        write("README.txt", "notes"),
        "README.txt",
        "README.txt",
        None,
        "the content folder holds only conclusion.md, faqs, guide.md, sections;",
    ),
    "stray folder at the top": Mistake(
        write("images/logo.svg", "<svg/>"), "images", "images", None, "the content folder holds only"
    ),
    "link to nowhere": Mistake(
        link("faqs/03-gone.md", "faqs/no-such-file.md"), "faqs/03-gone.md", "03-gone.md", None, "cannot be read"
    ),
    **{name: markdown_mistake(*case) for name, case in MARKDOWN_MISTAKES.items()},
}


@pytest.mark.parametrize("mistake", list(MISTAKES.values()), ids=list(MISTAKES))
def test_a_mistake_gets_one_message_with_file_line_entry_and_field(tmp_path: Path, mistake: Mistake) -> None:
    guide = guide_copy(tmp_path)
    mistake.breakage(guide)
    with pytest.raises(ContentError) as raised:
        load_guide(guide)
    error = raised.value
    assert error.path == guide / mistake.file
    assert mistake.entry in error.entry
    assert error.field == mistake.field
    assert mistake.problem.format(guide=guide) in error.problem
    assert error.line == mistake.line
    where = f"{guide / mistake.file}:{mistake.line}" if mistake.line else str(guide / mistake.file)
    assert str(error).startswith(f"{where}: ")


MESSAGES = {
    "missing field": f"{{guide}}/{TOPIC}: topic 'opening-topic', field 'subtitle': the field is missing",
    "review due before the last one": (
        "{guide}/guide.md: guide in guide.md, field 'next_review_due': must come after last_reviewed"
    ),
    "text below a section's fields": (
        f"{{guide}}/{SECTION}:5: section 'first-steps': "
        "text below a section's fields is not shown; move it into a topic or delete it"
    ),
    "guide.md missing": "{guide}/guide.md: guide.md: the file is missing",
}


@pytest.mark.parametrize(("mistake", "message"), MESSAGES.items(), ids=list(MESSAGES))
def test_the_whole_message_reads_file_line_entry_field_and_problem(tmp_path: Path, mistake: str, message: str) -> None:
    guide = guide_copy(tmp_path)
    MISTAKES[mistake].breakage(guide)
    with pytest.raises(ContentError) as raised:
        load_guide(guide)
    assert str(raised.value) == message.format(guide=guide)


@pytest.mark.parametrize("suffix", [".markdown", ".mdown", ".mkd", ".txt", ".MARKDOWN", ".Mkd", ".MD", ".md.txt"])
def test_an_entry_with_another_markdown_extension_is_told_its_right_name(tmp_path: Path, suffix: str) -> None:
    guide = guide_copy(tmp_path)
    (guide / FAQ).rename((guide / FAQ).with_suffix(suffix))
    with pytest.raises(ContentError, match=re.escape("rename it to 01-first-question.md")):
        load_guide(guide)


def test_a_file_without_front_matter_is_all_body_from_its_first_line() -> None:
    assert parse("The closing words.\n\nThank you.\n") == Document(
        fields={}, body="The closing words.\n\nThank you.", body_line=1, has_front_matter=False
    )


def test_the_app_serves_the_configured_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETAGUIDE_CONTENT_DIR", str(FIXTURES / "one-section"))
    assert published_guide() == load_guide(FIXTURES / "one-section")


def test_the_app_stops_on_bad_content_with_the_editors_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = guide_copy(tmp_path)
    MISTAKES["missing field"].breakage(guide)
    monkeypatch.setenv("KETAGUIDE_CONTENT_DIR", str(guide))
    with pytest.raises(SystemExit) as raised:
        published_guide()
    message = f"content error: {guide / TOPIC}: topic 'opening-topic', field 'subtitle': the field is missing"
    assert raised.value.code == message


def test_the_check_command_prints_the_message_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = guide_copy(tmp_path)
    MISTAKES["nested a thousand deep"].breakage(guide)
    assert command(["check", str(guide)]) == 1
    printed = capsys.readouterr().err
    assert printed.startswith(f"content error: {guide / TOPIC}: ")
    assert "Traceback" not in printed


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    guide = guide_copy(tmp_path)
    path = guide / TOPIC
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_guide(guide).topics[0].subtitle == "Where the Guide Begins"


def test_windows_line_endings_are_fine(tmp_path: Path) -> None:
    guide = guide_copy(tmp_path)
    path = guide / TOPIC
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_guide(guide).topics[0].overview.text == "The overview of the opening topic."


LEFTOVERS = [".DS_Store", "faqs/.#01-first-question.md", "sections/01-first-steps/._01-opening-topic.md", f"{TOPIC}~"]


def test_editors_leftovers_are_ignored_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = guide_copy(tmp_path)
    for leftover in LEFTOVERS:
        (guide / leftover).write_text("left behind", encoding="utf-8")
    assert len(load_guide(guide).topics) == 3
    assert sorted(leftovers(guide)) == sorted(guide / leftover for leftover in LEFTOVERS)
    assert command(["check", str(guide)]) == 0
    printed = capsys.readouterr().out
    assert all(
        f"ignored (an editor's leftover: hidden, or a backup ending in ~): {guide / left}" in printed
        for left in LEFTOVERS
    )


def test_content_behind_symbolic_links_is_read(tmp_path: Path) -> None:
    real = guide_copy(tmp_path)
    linked = tmp_path / "linked"
    linked.mkdir()
    for child in real.iterdir():
        (linked / child.name).symlink_to(child)
    assert len(load_guide(linked).topics) == 3
    whole = tmp_path / "whole"
    whole.symlink_to(real)
    assert len(load_guide(whole).faqs) == 2


def test_an_overdue_review_is_a_loud_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = guide_copy(tmp_path)
    replace("guide.md", "last_reviewed: 2026-01-15", "last_reviewed: 2020-01-15")(guide)
    replace("guide.md", "next_review_due: 2027-01-15", "next_review_due: 2021-01-15")(guide)
    assert command(["check", str(guide)]) == 0
    warning = capsys.readouterr().err
    assert re.search(r"WARNING: the guide was due for review on 2021-01-15 \(\d+ days ago\)", warning)
    assert str(guide / "guide.md") in warning


def test_a_review_is_overdue_from_the_day_after_it_was_due() -> None:
    guide = load_guide(FIXTURES / "minimal")
    due = guide.next_review_due
    days = [overdue_review(guide, due + datetime.timedelta(days=offset)) for offset in (-400, -1, 0, 1, 30)]
    assert days == [0, 0, 0, 1, 30]


@pytest.mark.parametrize("name", ["minimal", "one-section", "many-languages"])
def test_every_valid_fixture_guide_loads(name: str) -> None:
    assert load_guide(FIXTURES / name).title


def test_the_duplicate_slug_fixture_names_both_files() -> None:
    guide = FIXTURES / "duplicate-slug"
    with pytest.raises(ContentError, match=re.escape(f"is already the slug of {guide / TOPIC}")) as raised:
        load_guide(guide)
    assert raised.value.path == guide / LAST_TOPIC


@pytest.mark.parametrize(("where", "problem"), [("no-such-folder", "no such folder"), ("guide.md", "not a folder")])
def test_checking_a_folder_that_is_not_there_says_so_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, problem: str
) -> None:
    path = guide_copy(tmp_path) / where
    assert command(["check", str(path)]) == 1
    assert capsys.readouterr().err == f"content error: {path}: content folder: {problem}" + (
        ": give the content folder, the one holding guide.md\n" if where == "guide.md" else "\n"
    )
