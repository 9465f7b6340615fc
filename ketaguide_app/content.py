"""Read the guide from its folder of Markdown files with front matter, once, and validate it.

Every file in the folder is either part of the guide, an editor's leftover (a hidden file such as `.DS_Store`,
`.#lock` or `._name`, or a backup ending in `~`: ignored, and listed by `check`), or a mistake that stops the
build: nothing an editor wrote is dropped in silence.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ketaguide_app.cards.content_check import check_cards
from ketaguide_app.content_error import ContentError
from ketaguide_app.front_matter import Document, FrontMatterError, parse
from ketaguide_app.guide_bodies import BodyFile, Files, render_bodies
from ketaguide_app.models import Conclusion, Faq, Guide, GuideHeader, Section, Topic
from ketaguide_app.settings import REPOSITORY_CONTENT, settings

CONTENT_DIR = REPOSITORY_CONTENT
GUIDE_FILE = "guide.md"
CONCLUSION_FILE = "conclusion.md"
SECTIONS_FOLDER = "sections"
FAQS_FOLDER = "faqs"
SECTION_FILE = "_section.md"
ENTRY_SUFFIX = ".md"
# Endings an editor may give an entry by mistake: such a file is told its right name, not just refused.
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".txt"}
ModelT = TypeVar("ModelT", bound=BaseModel)
# How messages name the field a file's body is.
BODY_FIELD = " (the text below the front matter)"


@dataclass(frozen=True)
class Folder:
    """The files of a content folder that make the guide, in order, and the editors' leftovers beside them."""

    guide: Path
    conclusion: Path
    sections: list[tuple[Path, list[Path]]]
    faqs: list[Path]
    leftovers: list[Path] = field(default_factory=list)


def content_dir() -> Path:
    """The folder to read: $KETAGUIDE_CONTENT_DIR when set, else the repository's `content/`."""
    return settings().content_dir


@functools.cache
def load_guide(directory: Path) -> Guide:
    """Read and validate every file under `directory`; raise ContentError on the first mistake."""
    folder = read_folder(directory)
    header = _read_entry(folder.guide, GuideHeader, "introduction", "guide")
    conclusion = _read_entry(folder.conclusion, Conclusion, "conclusion", "conclusion")
    addresses: dict[str, Path] = {}  # sections and topics share one space of slugs; questions have their own
    sections = [_read_section(section_file, topics, addresses) for section_file, topics in folder.sections]
    questions: dict[str, Path] = {}
    faqs = [_claim(questions, _read_entry(path, Faq, "answer", "faq"), path) for path in folder.faqs]
    if not sections:
        raise ContentError(directory / SECTIONS_FOLDER, "sections folder", None, "add at least one section")
    if not faqs:
        raise ContentError(directory / FAQS_FOLDER, "faqs folder", None, "add at least one question")
    fields = header.model_dump() | conclusion.model_dump() | {"sections": sections, "faqs": faqs}
    try:
        guide = Guide.model_validate(fields)
    except ValidationError as error:
        raise ContentError(directory, "guide", None, str(error.errors()[0]["msg"])) from None
    files = _files(folder, guide, addresses, questions)
    guide = render_bodies(guide, files)
    check_cards(guide, files)
    return guide


def _files(folder: Folder, guide: Guide, addresses: dict[str, Path], questions: dict[str, Path]) -> Files:
    """Where each entry of a valid guide was read from, for the messages about its body."""
    return Files(
        guide=_body_file(folder.guide, "guide", "introduction"),
        conclusion=_body_file(folder.conclusion, "conclusion", "conclusion"),
        sections={section.slug: addresses[section.slug] for section in guide.sections},
        topics={t.slug: _body_file(addresses[t.slug], f"topic {t.slug!r}", "overview") for t in guide.topics},
        faqs={f.slug: _body_file(questions[f.slug], f"faq {f.slug!r}", "answer") for f in guide.faqs},
    )


def _body_file(path: Path, entry: str, field: str) -> BodyFile:
    return BodyFile(path, _read(path).body_line, entry, f"{field}{BODY_FIELD}")


def read_folder(directory: Path) -> Folder:
    """Which files make the guide; a file or folder the site would not show stops the build."""
    if not directory.is_dir():
        problem = "not a folder: give the content folder, the one holding guide.md"
        raise ContentError(directory, "content folder", None, problem if directory.exists() else "no such folder")
    leftovers: list[Path] = []
    names = _entries(directory, leftovers)
    _expect_only(names, {GUIDE_FILE, CONCLUSION_FILE, SECTIONS_FOLDER, FAQS_FOLDER}, "the content folder")
    sections_folder = _folder(directory / SECTIONS_FOLDER)
    sections = []
    for section in _entries(sections_folder, leftovers):
        if not section.is_dir():
            raise _stray(section, "a topic belongs in a section's folder (sections/NN-<slug>/), with its _section.md")
        files = _entries(section, leftovers)
        topics = [path for path in files if path.name != SECTION_FILE]
        _expect_entries(topics)
        sections.append((_file(section / SECTION_FILE), topics))
    faqs = _entries(_folder(directory / FAQS_FOLDER), leftovers)
    _expect_entries(faqs)
    return Folder(_file(directory / GUIDE_FILE), _file(directory / CONCLUSION_FILE), sections, faqs, leftovers)


def leftovers(directory: Path) -> list[Path]:
    """The editors' leftovers in the folder: ignored, and listed by `check`."""
    return read_folder(directory).leftovers


def overdue_review(guide: Guide, today: datetime.date) -> int:
    """How many days ago the guide was due for review (0 while it is not)."""
    return max(0, (today - guide.next_review_due).days)


def _entries(folder: Path, leftovers: list[Path]) -> list[Path]:
    """A folder's files and folders in name order, its leftovers set aside."""
    children = sorted(folder.iterdir())
    leftovers += [path for path in children if _is_leftover(path)]
    return [path for path in children if not _is_leftover(path)]


def _is_leftover(path: Path) -> bool:
    return path.name.startswith(".") or path.name.endswith("~")


def _expect_only(children: list[Path], allowed: set[str], what: str) -> None:
    for path in children:
        if path.name not in allowed:
            expected = ", ".join(sorted(allowed))
            raise _stray(path, f"{what} holds only {expected}; move it out of the folder or delete it")


def _expect_entries(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir():
            raise _stray(path, "a folder here is not read; entries are files, one per topic or question")
        if path.suffix != ENTRY_SUFFIX and path.suffix.lower() in MARKDOWN_SUFFIXES:
            problem = f"only {ENTRY_SUFFIX} files are read; if it is an entry, rename it to {_proper_entry_name(path)}"
            raise _stray(path, problem)
        if path.suffix != ENTRY_SUFFIX:
            raise _stray(path, f"only {ENTRY_SUFFIX} files are read; move it out of the content folder or delete it")


def _proper_entry_name(path: Path) -> str:
    """The name an entry written with another Markdown or text ending should have (`a.md.txt` -> `a.md`)."""
    name = path.name
    while Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
        name = Path(name).stem
    return name + ENTRY_SUFFIX


def _stray(path: Path, problem: str) -> ContentError:
    return ContentError(path, path.name, None, f"not part of the guide: {problem}")


def _folder(path: Path) -> Path:
    if not path.is_dir():
        raise ContentError(path, path.name, None, "the folder is missing")
    return path


def _file(path: Path) -> Path:
    if not path.is_file():
        raise ContentError(path, path.name, None, "the file is missing")
    return path


def _read_section(section_file: Path, topic_files: list[Path], addresses: dict[str, Path]) -> Section:
    document = _read(section_file)
    if document.body:
        raise ContentError(
            section_file,
            _entry_name("section", document.fields, section_file),
            None,
            "text below a section's fields is not shown; move it into a topic or delete it",
            document.body_line,
        )
    topics = [_read_entry(path, Topic, "overview", "topic") for path in topic_files]
    section = _claim(
        addresses, _validate(Section, document.fields | {"topics": topics}, section_file, "section"), section_file
    )
    for topic, path in zip(topics, topic_files, strict=True):
        _claim(addresses, topic, path)
    return section


EntryT = TypeVar("EntryT", Section, Topic, Faq)


def _claim(owners: dict[str, Path], entry: EntryT, path: Path) -> EntryT:
    """The entry, once its slug is known to be no other entry's (slugs are addresses)."""
    if entry.slug in owners:
        problem = f"is already the slug of {owners[entry.slug]}; slugs must be unique"
        raise ContentError(path, f"slug {entry.slug!r}", "slug", problem)
    owners[entry.slug] = path
    return entry


def _read_entry(path: Path, model: type[ModelT], body_field: str, kind: str) -> ModelT:
    document = _read(path)
    if not document.has_front_matter and set(model.model_fields) - {body_field}:
        problem = "the file has no fields: its first line must be `---`, then its fields, then `---` again"
        raise ContentError(path, f"{kind} in {path.name}", None, problem, 1)
    return _validate(model, document.fields | {body_field: document.body}, path, kind, body_field)


def _validate(model: type[ModelT], fields: dict[str, Any], path: Path, kind: str, body_field: str = "") -> ModelT:
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        # A misspelt field is both unknown and missing: naming the unknown one points at the typo.
        first = min(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        name = ".".join(str(part) for part in first["loc"]) or None
        if name is not None and name.split(".")[0] == body_field:
            name = f"{body_field}{BODY_FIELD}"
        raise ContentError(path, _entry_name(kind, fields, path), name, _problem(first)) from None


def _read(path: Path) -> Document:
    """The fields and body of one file."""
    try:
        return parse(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ContentError(path, path.name, None, f"the file cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ContentError(path, path.name, None, "the file is not UTF-8 text") from None
    except FrontMatterError as error:
        raise ContentError(path, path.name, error.field, error.problem, error.line) from None


def _entry_name(kind: str, fields: dict[str, Any], path: Path) -> str:
    slug = fields.get("slug")
    return f"{kind} {slug!r}" if isinstance(slug, str) and slug else f"{kind} in {path.name}"


# What each kind of pydantic error means to an editor.
PROBLEMS = {
    "extra_forbidden": "unknown field (check its spelling)",
    "missing": "the field is missing",
    "string_too_short": "must not be empty",
    "string_type": "must be text (put it in quotes)",
    "string_pattern_mismatch": "must be lowercase letters, digits and single hyphens (URL-safe)",
}


def _problem(error: Any) -> str:
    kind = error["type"]
    if kind == "string_type" and error["input"] is None:
        return PROBLEMS["string_too_short"]
    if kind == "string_too_long":
        return f"must be at most {error['ctx']['max_length']} characters"
    if kind == "too_short" and error["loc"] == ("topics",):
        return "add at least one topic to the section's folder"
    return PROBLEMS.get(kind) or str(error["msg"]).removeprefix("Value error, ")


def published_guide() -> Guide:
    """The guide the app serves; bad content stops the process with the editor's message, not a traceback."""
    try:
        return load_guide(content_dir())
    except ContentError as error:
        raise SystemExit(f"content error: {error}") from None
