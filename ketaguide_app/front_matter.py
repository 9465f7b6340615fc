"""One content file's front matter (strict YAML between two `---` lines) and body, with file line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode

FENCE = "---"
# A first line that was meant to open the front matter: too few or many dashes, spaces before it, TOML's +++.
NEAR_FENCE = re.compile(r"^\s*(-{2,}|\+{3})\s*$")
# A field whose value opens with a quote, and what a value that closes on the same line looks like.
OPENING_QUOTE = re.compile(r"^\s*[^\s:#][^:]*:\s+([\"'])(.*)$")
CLOSED_VALUE = {'"': re.compile(r'^(?:[^"\\]|\\.)*"\s*(?:#.*)?$'), "'": re.compile(r"^(?:[^']|'')*'\s*(?:#.*)?$")}


class FrontMatterError(ValueError):
    """The file's front matter cannot be read; `line` is the file's line (1-based) where the trouble is."""

    def __init__(self, problem: str, line: int | None = None, field: str | None = None) -> None:
        """Keep the problem, its line and the field it concerns, if known."""
        super().__init__(problem)
        self.problem, self.line, self.field = problem, line, field


@dataclass(frozen=True)
class Document:
    """A content file split into its fields and its body (the text below the front matter, if it has one)."""

    fields: dict[str, Any]
    body: str
    body_line: int  # the file's line its first line of text is on
    has_front_matter: bool = True


class _StrictLoader(yaml.SafeLoader):
    """YAML as editors write front matter: no implicit dates (the models name a bad one), no key twice, no aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise FrontMatterError("aliases (*name) are not allowed in front matter", _line(mark))
        return super().compose_node(parent, index)


def _construct_mapping(loader: _StrictLoader, node: MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise FrontMatterError("is written twice", _line(key_node.start_mark), field=str(key))
        seen.add(key)
    return SafeConstructor.construct_mapping(loader, node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.yaml_implicit_resolvers = {
    first: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line(mark: Any) -> int | None:
    """The file's line of a YAML mark inside the front matter (which starts on the file's second line)."""
    return None if mark is None else mark.line + 2


def parse(text: str) -> Document:
    """Split a file's text (a byte-order mark allowed) into its fields and body; FrontMatterError on a mistake.

    A file without front matter is all body (the conclusion needs no fields).
    """
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FENCE:
        if lines and NEAR_FENCE.match(lines[0]):
            raise FrontMatterError(f"the front matter's first line must be exactly `{FENCE}`", 1)
        return Document(
            fields={}, body="".join(lines).strip(), body_line=_first_text_line(lines, 0), has_front_matter=False
        )
    end = next((number for number, line in enumerate(lines[1:], start=1) if line.rstrip() == FENCE), None)
    if end is None:
        raise FrontMatterError(f"the fields have no closing `{FENCE}` line", len(lines))
    fields = _load(lines[1:end])
    if fields is None:
        fields = {}
    if not isinstance(fields, dict) or not all(isinstance(key, str) for key in fields):
        raise FrontMatterError("the front matter must be `field: value` lines", 2)
    return Document(fields=fields, body="".join(lines[end + 1 :]).strip(), body_line=_first_text_line(lines, end + 1))


def _first_text_line(lines: list[str], start: int) -> int:
    """The file's line (1-based) where the body's text begins, past the blank lines the body is trimmed of."""
    blank = next((number for number, line in enumerate(lines[start:]) if line.strip()), 0)
    return start + blank + 1


def _load(lines: list[str]) -> Any:
    """The front matter's YAML; a syntax error names the line where the trouble starts."""
    try:
        return yaml.load("".join(lines), Loader=_StrictLoader)
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as error:
        problem = f"the front matter is not valid YAML: {error.problem or error.context or 'a syntax error'}"
        if error.problem_mark is None:
            raise FrontMatterError(problem, _line(error.context_mark)) from None
        opened = _unclosed_quote(lines, error.problem_mark.line)
        if opened is not None:
            unclosed = "the front matter is not valid YAML: a quote opened here is not closed"
            raise FrontMatterError(unclosed, opened + 2) from None
        # At the end of the text (an unclosed bracket), where it opened says more than where it ended.
        at_end = error.problem_mark.line >= len(lines) and error.context_mark is not None
        raise FrontMatterError(problem, _line(error.context_mark if at_end else error.problem_mark)) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"the front matter is not valid YAML: {error}") from None
    except RecursionError:
        raise FrontMatterError("the front matter is nested too deeply to be fields") from None


def _unclosed_quote(lines: list[str], before: int) -> int | None:
    """The last line before `before` where a field's quoted value opens and does not close, if there is one."""
    opened = None
    for number, line in enumerate(lines[:before]):
        value = OPENING_QUOTE.match(line)
        if value and not CLOSED_VALUE[value.group(1)].match(value.group(2).rstrip()):
            opened = number
    return opened
