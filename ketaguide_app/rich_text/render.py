"""A body's checked tokens rendered to HTML: headings under their entry, callouts, sources, tables that scroll.

Everything is rendered by markdown-it's own renderer, which escapes text and attributes; the few pieces of markup
added here (labels, a callout's title, a link's "leaves the guide" note, the sources list) are made from the
interface wording and the ids of the entry, never from what an editor wrote unescaped.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ketaguide_app import dom
from ketaguide_app.models import InternalLink, Source
from ketaguide_app.rich_text import checks
from ketaguide_app.rich_text.checks import MarkdownError, inline_lines
from ketaguide_app.rich_text.links import Here, LinkError, Resolved, dois_in_text, resolve
from ketaguide_app.rich_text.parser import markdown
from ketaguide_app.wording import WORDING

# Markup made here from wording and ids, rendered as it is (the parser's own HTML tokens are refused).
OWN_MARKUP = "ketaguide_markup"
WORD_RUNS = re.compile(r"[^\w]+|_")
TABLE_LABEL_CELLS = 3


@dataclass(frozen=True)
class Entry:
    """Where a body is shown: the prefix of the ids under it, its own heading's level, the label that opens it."""

    prefix: str
    heading_level: int
    label: str | None = None


@dataclass
class Rendered:
    """A body as published: its HTML, its words as plain text, its sources, its link targets and what it links to."""

    html: str
    text: str
    sources: list[Source] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    links: list[InternalLink] = field(default_factory=list)


def render(body: str, entry: Entry, here: Here, first_line: int) -> Rendered:
    """The body's HTML and facts; MarkdownError (with the file's line) on the first mistake."""
    try:
        return _Renderer(entry, here, first_line).render(body)
    except MarkdownError as error:
        raise MarkdownError(error.problem, first_line + error.line) from None


def slug(text: str) -> str:
    """A heading's text as an id: lowercase letters and digits of any script, single hyphens between words."""
    decomposed = unicodedata.normalize("NFKD", text).lower()
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return WORD_RUNS.sub("-", plain).strip("-") or "heading"


def own_markup(markup: str) -> Token:
    """A token carrying markup made here."""
    token = Token(OWN_MARKUP, "", 0)
    token.content = markup
    return token


class _Renderer:
    """Renders one body; keeps the ids it hands out unique within the entry."""

    def __init__(self, entry: Entry, here: Here, first_line: int) -> None:
        self.entry, self.here, self.first_line = entry, here, first_line
        self.ids: set[str] = set()
        self.links: list[InternalLink] = []
        self.anchors: list[str] = []

    def render(self, body: str) -> Rendered:
        env: dict[str, Any] = {}
        tokens = markdown().parse(body, env)
        checks.refuse_html(tokens)
        checks.check_footnotes(tokens, env, body)
        checks.check_dois(tokens)
        shift = checks.heading_levels(tokens, self.entry.heading_level)
        tokens, notes = _split_notes(tokens)
        self.ids |= {self._source_id(number) for number in range(1, len(notes) + 1)}
        tokens = self._blocks(tokens, shift)
        text = plain_text(tokens)
        sources = [self._source(number, note) for number, note in enumerate(notes, start=1)]
        if self.entry.label:
            tokens = _labelled(tokens, self.entry.label)
        if sources:
            tokens.append(own_markup(self._sources_list(sources)))
        page = _html_renderer().renderer.render(tokens, _html_renderer().options, {"prefix": self.entry.prefix})
        return Rendered(page, text, sources, self.anchors, self.links)

    def _blocks(self, tokens: list[Token], shift: int) -> list[Token]:
        result: list[Token] = []
        quotes: list[Token] = []
        for index, token in enumerate(tokens):
            if token.meta.get("dropped"):
                continue
            if token.type == "heading_open":
                self._heading(token, tokens[index + 1], shift)
            elif token.type == "heading_close":
                token.tag = f"h{int(token.tag[1]) + shift}"
            elif token.type == "blockquote_open":
                quotes.append(token)
                kind = checks.callout_kind(token, _first_paragraph(tokens, index))
                if kind:
                    result += self._callout(tokens, index, kind)
                    continue
            elif token.type == "blockquote_close" and quotes.pop().tag == "div":
                token.tag = "div"
            elif token.type == "table_open":
                token.meta["label"] = _table_label(tokens[index:])
            elif token.type == "inline":
                self._inline(token)
            result.append(token)
        return result

    def _heading(self, token: Token, text: Token, shift: int) -> None:
        """Shift a heading under the entry's own, with an id made of its text."""
        token.tag = f"h{int(token.tag[1]) + shift}"
        element = self._unique(dom.body_id(self.entry.prefix, slug(_inline_text(text))))
        token.attrSet("id", element)
        self.anchors.append(element)

    def _callout(self, tokens: list[Token], index: int, kind: str) -> list[Token]:
        """A block quote opened by `[!KIND]` as a note with a visible title, its marker line taken out."""
        quote = tokens[index]
        quote.tag = "div"
        quote.attrs = {"class": f"callout callout-{kind}", "role": "note"}
        first = tokens[index + 2]
        _drop_marker(first)
        if not first.children:
            for token in tokens[index + 1 : index + 4]:
                token.meta["dropped"] = True
        title = getattr(WORDING, f"callout_{kind}")
        return [quote, own_markup(f'<p class="{dom.CALLOUT_TITLE}">{html.escape(title)}</p>\n')]

    def _inline(self, token: Token) -> None:
        """Resolve the links of a paragraph (or cell, or heading), and make its DOIs links."""
        children: list[Token] = []
        external = in_link = False
        for line, child in inline_lines(token):
            if child.type == "link_open":
                in_link = True
                external = self._link(child, line)
            elif child.type == "link_close":
                in_link = False
                if external:
                    children.append(own_markup(_external_note()))
            elif child.type == "text" and not in_link:
                children += _text_with_dois(child)
                continue
            children.append(child)
        token.children = children

    def _link(self, link: Token, line: int) -> bool:
        """Put the published address in the link; whether it leaves the guide."""
        written = str(link.attrGet("href") or "")
        try:
            resolved: Resolved = resolve(written, self.here)
        except LinkError as error:
            raise MarkdownError(str(error), line) from None
        link.attrs = {"href": resolved.href}
        if resolved.external:
            link.attrSet("class", "external")
            link.meta["external"] = True
        else:
            self.links.append(
                InternalLink(
                    page=resolved.page, fragment=resolved.fragment, line=self.first_line + line, written=written
                )
            )
        return resolved.external

    def _source(self, number: int, note: list[Token]) -> Source:
        note = [token for token in note if token.type != "footnote_anchor"]
        for token in note:
            if token.type == "inline":
                self._inline(token)
        body = _html_renderer().renderer.render(note, _html_renderer().options, {"prefix": self.entry.prefix})
        urls = [str(child.attrGet("href")) for token in note for child in token.children or [] if _is_external(child)]
        return Source(number=number, text=plain_text(note), html=body.strip(), url=urls[0] if urls else None)

    def _sources_list(self, sources: Sequence[Source]) -> str:
        prefix = self.entry.prefix
        heading = f"h{min(self.entry.heading_level + 1, checks.MAX_HEADING)}"
        items = "".join(
            f'<li id="{self._source_id(source.number)}">{_without_paragraph(source.html)} '
            f'<a href="#{dom.body_id(prefix, f"cite-{source.number}")}" class="source-back" '
            f'aria-label="{html.escape(WORDING.source_back.format(number=source.number))}">↩</a></li>\n'
            for source in sources
        )
        heading_id = self._unique(dom.body_id(prefix, "sources"))
        self.anchors += [heading_id, *(self._source_id(source.number) for source in sources)]
        return (
            f'<div class="{dom.SOURCES}">\n'
            f'<{heading} id="{heading_id}">{html.escape(WORDING.sources_heading)}</{heading}>\n'
            f"<ol>\n{items}</ol>\n</div>\n"
        )

    def _source_id(self, number: int) -> str:
        return dom.body_id(self.entry.prefix, f"source-{number}")

    def _unique(self, element: str) -> str:
        candidate, count = element, 1
        while candidate in self.ids:
            count += 1
            candidate = f"{element}-{count}"
        self.ids.add(candidate)
        return candidate


def _split_notes(tokens: list[Token]) -> tuple[list[Token], list[list[Token]]]:
    """The body without its footnote block, and each note's tokens in the order they are numbered."""
    body: list[Token] = []
    notes: list[list[Token]] = []
    in_notes = in_note = False
    for token in tokens:
        if token.type == "footnote_block_open":
            in_notes = True
        elif token.type == "footnote_block_close":
            in_notes = False
        elif token.type == "footnote_open":
            in_note = True
            notes.append([])
        elif token.type == "footnote_close":
            in_note = False
        elif in_note:
            notes[-1].append(token)
        elif not in_notes:
            body.append(token)
    return body, notes


def _first_paragraph(tokens: list[Token], quote: int) -> Token | None:
    """The inline token of a block quote's first paragraph, if the quote opens with one."""
    return tokens[quote + 2] if tokens[quote + 1].type == "paragraph_open" else None


def _drop_marker(first: Token) -> None:
    """Take the `[!KIND]` line out of a callout's first paragraph (and the paragraph, when that was all of it)."""
    children = first.children or []
    rest = children[1:]
    if rest and rest[0].type in {"softbreak", "hardbreak"}:
        rest = rest[1:]
    first.children = rest
    first.content = checks.CALLOUT_MARKER.sub("", first.content, count=1)


def _labelled(tokens: list[Token], label: str) -> list[Token]:
    """The body with its label opening its first paragraph, or on a line of its own before its first block."""
    mark = f'<span class="{dom.LABEL}">{html.escape(label)}</span>'
    if len(tokens) > 1 and tokens[0].type == "paragraph_open" and tokens[1].type == "inline":
        tokens[1].children = [own_markup(f"{mark} "), *(tokens[1].children or [])]
        return tokens
    return [own_markup(f"<p>{mark}</p>\n"), *tokens]


def _table_label(tokens: list[Token]) -> str:
    """A table's name for screen readers: its first header cells."""
    cells: list[str] = []
    for token in tokens:
        if token.type == "thead_close" or len(cells) == TABLE_LABEL_CELLS:
            break
        if token.type == "inline":
            cells.append(_inline_text(token))
    return WORDING.table_label.format(columns=", ".join(cell for cell in cells if cell))


def _text_with_dois(text: Token) -> list[Token]:
    """A text token, with every `doi:10.…` in it made a link to its address."""
    found = dois_in_text(text.content)
    if not found:
        return [text]
    tokens, at = [], 0
    for start, end, url in found:
        tokens.append(_text(text.content[at:start]))
        link = Token("link_open", "a", 1, attrs={"href": url, "class": "external"})
        link.meta["external"] = True
        tokens += [link, _text(text.content[start:end]), own_markup(_external_note()), Token("link_close", "a", -1)]
        at = end
    tokens.append(_text(text.content[at:]))
    return [token for token in tokens if token.type != "text" or token.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _external_note() -> str:
    """What a link out of the guide says of itself: visibly an arrow, to screen readers its words, offline a note."""
    return (
        f'<span class="{dom.EXTERNAL_MARK}" aria-hidden="true">↗</span>'
        f'<span class="{dom.VISUALLY_HIDDEN}"> ({html.escape(WORDING.external_link)})</span>'
        f'<span class="{dom.OFFLINE_NOTE}"> ({html.escape(WORDING.external_link_offline)})</span>'
    )


def _is_external(token: Token) -> bool:
    return token.type == "link_open" and bool(token.meta.get("external"))


def _inline_text(token: Token) -> str:
    parts = [child.content for child in token.children or [] if child.type in {"text", "code_inline"}]
    return " ".join("".join(parts).split())


def plain_text(tokens: Sequence[Token]) -> str:
    """The words a reader sees in these tokens: no Markdown, no link addresses, no interface wording."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts += [
                " " if child.type in {"softbreak", "hardbreak"} else child.content
                for child in token.children or []
                if child.type in {"text", "code_inline", "softbreak", "hardbreak"}
            ]
            parts.append(" ")
        elif token.type in {"code_block", "fence"}:
            parts.append(f" {token.content} ")
    return " ".join("".join(parts).split())


def _without_paragraph(markup: str) -> str:
    """A note's HTML without the paragraph around it, when it is one paragraph."""
    inner = markup.removeprefix("<p>").removesuffix("</p>")
    return inner if "<p>" not in inner else markup


@functools.cache
def _html_renderer() -> MarkdownIt:
    """The parser with the render rules of the guide's own pieces; HTML from the parser never gets through."""
    parser = markdown()
    parser.add_render_rule(OWN_MARKUP, lambda _self, tokens, index, _options, _env: tokens[index].content)
    parser.add_render_rule("html_block", _refuse)
    parser.add_render_rule("html_inline", _refuse)
    parser.add_render_rule("image", _refuse)
    parser.add_render_rule("footnote_ref", _reference)
    parser.add_render_rule("table_open", _table_open)
    parser.add_render_rule("table_close", lambda _self, _tokens, _index, _options, _env: "</table>\n</div>\n")
    return parser


def _refuse(_self: Any, tokens: list[Token], index: int, _options: Any, _env: Any) -> str:
    raise MarkdownError(f"{tokens[index].type} reached the renderer", 0)


def _reference(_self: Any, tokens: list[Token], index: int, _options: Any, env: dict[str, Any]) -> str:
    meta = tokens[index].meta
    number = int(meta["id"]) + 1
    prefix = env["prefix"]
    again = f"-{int(meta['subId']) + 1}" if meta.get("subId") else ""
    label = html.escape(WORDING.source_reference.format(number=number), quote=True)
    return (
        f'<sup class="{dom.CITE}"><a href="#{dom.body_id(prefix, f"source-{number}")}" '
        f'id="{dom.body_id(prefix, f"cite-{number}{again}")}" '
        f'aria-label="{label}">{number}</a></sup>'
    )


def _table_open(_self: Any, tokens: list[Token], index: int, _options: Any, _env: Any) -> str:
    label = html.escape(str(tokens[index].meta.get("label", "")), quote=True)
    return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">\n<table>\n'
