"""Read the guide from its folder of Markdown files with front matter, once, and validate it."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, TypeVar

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler
from pydantic import BaseModel, ValidationError

from ketaguide_app.models import Conclusion, DuplicateSlugError, Faq, Guide, GuideHeader, Section, Topic
from ketaguide_app.settings import REPOSITORY_CONTENT, settings

CONTENT_DIR = REPOSITORY_CONTENT
SECTION_FILE = "_section.md"
ModelT = TypeVar("ModelT", bound=BaseModel)


class _DatesAsTextLoader(yaml.SafeLoader):
    """YAML without implicit dates, so the models validate dates and name the field on a bad one."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FrontMatterHandler(YAMLHandler):
    def load(self, fm: str, **_options: object) -> Any:
        return yaml.load(fm, Loader=_DatesAsTextLoader)


class ContentError(Exception):
    """The content cannot be published; the message names the file, the entry and the field."""

    def __init__(self, path: Path, entry: str, field: str | None, problem: str) -> None:
        """Build the one-line message an editor needs to find and fix the mistake."""
        where = f"{path}: {entry}"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")
        self.path, self.entry, self.field, self.problem = path, entry, field, problem


def content_dir() -> Path:
    """The folder to read: $KETAGUIDE_CONTENT_DIR when set, else the repository's `content/`."""
    return settings().content_dir


@functools.cache
def load_guide(directory: Path) -> Guide:
    """Read and validate every file under `directory`; raise ContentError on the first mistake."""
    header = _read_entry(directory / "guide.md", GuideHeader, "introduction", "guide")
    conclusion = _read_entry(directory / "conclusion.md", Conclusion, "conclusion", "conclusion")
    sections = [_read_section(folder) for folder in _children(directory / "sections", dirs=True)]
    faqs = [_read_entry(path, Faq, "answer", "faq") for path in _children(directory / "faqs")]
    fields = header.model_dump() | conclusion.model_dump() | {"sections": sections, "faqs": faqs}
    try:
        return Guide.model_validate(fields)
    except ValidationError as error:
        raise _guide_error(error, directory) from None


def _read_section(folder: Path) -> Section:
    section_file = folder / SECTION_FILE
    front, _ = _read(section_file)
    topics = [_read_entry(path, Topic, "overview", "topic") for path in _children(folder)]
    return _validate(Section, front | {"topics": topics}, section_file, "section")


def _read_entry(path: Path, model: type[ModelT], body_field: str, kind: str) -> ModelT:
    front, body = _read(path)
    return _validate(model, front | {body_field: body}, path, kind, body_field)


def _validate(model: type[ModelT], fields: dict[str, Any], path: Path, kind: str, body_field: str = "") -> ModelT:
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        # A misspelt field is both unknown and missing: naming the unknown one points at the typo.
        first = min(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        field = ".".join(str(part) for part in first["loc"]) or None
        if field == body_field:
            field = f"{field} (the text below the front matter)"
        raise ContentError(path, _entry_name(kind, fields, path), field, _problem(first)) from None


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """The front matter and the body of one file."""
    if not path.is_file():
        raise ContentError(path, path.name, None, "the file is missing")
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"), handler=_FrontMatterHandler())
    except UnicodeDecodeError:
        raise ContentError(path, path.name, None, "the file is not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        raise ContentError(path, path.name, None, f"the front matter is not valid YAML{line}") from None
    if not isinstance(post.metadata, dict):
        raise ContentError(path, path.name, None, "the front matter must be a list of `field: value` lines")
    return dict(post.metadata), post.content.strip()


def _children(folder: Path, *, dirs: bool = False) -> list[Path]:
    if not folder.is_dir():
        raise ContentError(folder, folder.name, None, "the folder is missing")
    if dirs:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    return sorted(p for p in folder.glob("*.md") if p.name != SECTION_FILE)


def _entry_name(kind: str, fields: dict[str, Any], path: Path) -> str:
    slug = fields.get("slug")
    return f"{kind} {slug!r}" if isinstance(slug, str) and slug else f"{kind} in {path.name}"


def _problem(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field (check its spelling)"
    if error["type"] == "missing":
        return "the field is missing"
    if error["type"] == "string_too_short":
        return "must not be empty"
    if error["type"] == "string_pattern_mismatch":
        return "must be lowercase letters, digits and single hyphens (URL-safe)"
    return str(error["msg"]).removeprefix("Value error, ")


def _guide_error(error: ValidationError, directory: Path) -> ContentError:
    first = error.errors()[0]
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, DuplicateSlugError):
        path = _files_with_slug(directory, cause.slug)[-1]
        return ContentError(
            path, f"slug {cause.slug!r}", "slug", "is already used by another entry; slugs must be unique"
        )
    folder = str(first["loc"][0])
    return ContentError(directory / folder, f"{folder} folder", None, "add at least one entry")


def _files_with_slug(directory: Path, slug: str) -> list[Path]:
    return [path for path in sorted(directory.rglob("*.md")) if _read(path)[0].get("slug") == slug]


def published_guide() -> Guide:
    """The guide the app serves; bad content stops the process with the editor's message, not a traceback."""
    try:
        return load_guide(content_dir())
    except ContentError as error:
        raise SystemExit(f"content error: {error}") from None
