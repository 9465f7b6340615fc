"""Specification of a body's Markdown as the site publishes it: the HTML, the plain text, the sources, the ids."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ketaguide_app.content import load_guide
from ketaguide_app.rich_text.checks import MarkdownError
from ketaguide_app.rich_text.links import Here, Target
from ketaguide_app.rich_text.render import Entry, Rendered, render, slug
from tests.fixture_guides import FIXTURE_GUIDES

TOPIC = Entry("topic-dosing", heading_level=3, label="Overview:")
HERE = Here(file=Path("/content/sections/01-a/01-dosing.md"), prefix="topic-dosing", targets={})
RICH = load_guide(FIXTURE_GUIDES / "rich")


def html_of(markdown: str, entry: Entry = TOPIC, here: Here = HERE) -> str:
    return render(markdown, entry, here, first_line=1).html


def rendered(markdown: str) -> Rendered:
    return render(markdown, TOPIC, HERE, first_line=1)


def test_emphasis_lists_quotes_and_tables_are_html_and_no_markdown_is_left() -> None:
    page = html_of(
        "**Strong**, *emphasis*, ~~struck~~.\n\n1. one\n   - nested\n2. two\n\n> quoted\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    for markup in ("<strong>Strong</strong>", "<em>emphasis</em>", "<s>struck</s>", "<ol>", "<ul>", "<blockquote>"):
        assert markup in page
    assert "<li>one\n<ul>\n<li>nested</li>" in page
    assert "<td>2</td>" in page
    assert not re.search(r"\*\*|~~|^>|\|", re.sub(r"<[^>]+>", "", page), flags=re.MULTILINE)


def test_the_label_opens_the_first_paragraph_or_stands_before_the_first_block() -> None:
    assert html_of("Words.").startswith('<p><span class="label">Overview:</span> Words.</p>')
    assert html_of("- item").startswith('<p><span class="label">Overview:</span></p>\n<ul>')


@pytest.mark.parametrize(
    ("entry", "markdown", "levels"),
    [
        (TOPIC, "# A\n\n## B\n\n### C", ["h4", "h5", "h6"]),
        (TOPIC, "## A\n\n### B", ["h4", "h5"]),  # an editor who starts at ## gets the same outline
        (Entry("introduction", 1), "# A\n\n## B", ["h2", "h3"]),
        (Entry("conclusion", 2), "## A", ["h3"]),
    ],
)
def test_headings_are_shifted_under_their_entry(entry: Entry, markdown: str, levels: list[str]) -> None:
    assert re.findall(r"<(h\d) ", html_of(markdown, entry)) == levels
    assert re.findall(r"</(h\d)>", html_of(markdown, entry)) == levels


def test_heading_ids_are_slugs_under_the_entry_and_unique_on_the_page() -> None:
    body = rendered("# Dosing\n\n## Dosing\n\n## Sources\n\nText[^1].\n\n[^1]: A source.")
    assert body.anchors == [
        "topic-dosing--dosing",
        "topic-dosing--dosing-2",
        "topic-dosing--sources",
        "topic-dosing--sources-2",
        "topic-dosing--source-1",
    ]
    assert slug("Côté Ελληνικά: 1st **part**") == "cote-ελληνικα-1st-part"
    assert slug("🧠") == "heading"


@pytest.mark.parametrize("kind", ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "warning"])
def test_each_callout_is_a_note_with_a_visible_title(kind: str) -> None:
    page = html_of(f"> [!{kind}]\n> Do not drive.")
    title = kind.capitalize()
    assert f'<div class="callout callout-{kind.lower()}" role="note">\n<p class="callout-title">{title}</p>' in page
    assert "<p>Do not drive.</p>\n</div>" in page
    assert "[!" not in page


def test_a_callout_whose_text_starts_in_a_new_paragraph_has_no_empty_paragraph() -> None:
    page = html_of("> [!TIP]\n>\n> Text.")
    assert "<p></p>" not in page
    assert '<p class="callout-title">Tip</p>\n<p>Text.</p>' in page


def test_footnotes_are_numbered_sources_linked_both_ways() -> None:
    body = rendered("First[^b], second[^a], first again[^b].\n\n[^a]: Source A. https://example.org/a\n[^b]: Source B.")
    assert [(s.number, s.text, s.url) for s in body.sources] == [
        (1, "Source B.", None),
        (2, "Source A. https://example.org/a", "https://example.org/a"),
    ]
    assert 'href="#topic-dosing--source-1" id="topic-dosing--cite-1" aria-label="Source 1">1</a>' in body.html
    assert 'id="topic-dosing--cite-1-2"' in body.html
    assert '<li id="topic-dosing--source-2">Source A.' in body.html
    assert '<a href="#topic-dosing--cite-2" class="source-back"' in body.html
    assert '<h4 id="topic-dosing--sources">Sources</h4>' in body.html
    assert "[^" not in body.html


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("doi:10.1124/pr.117.015198", "https://doi.org/10.1124/pr.117.015198"),
        ("doi: 10.5555/12345678.", "https://doi.org/10.5555/12345678"),
        ("(DOI:10.1000/182)", "https://doi.org/10.1000/182"),
    ],
)
def test_a_doi_becomes_its_https_address(written: str, url: str) -> None:
    body = rendered(f"Text[^1].\n\n[^1]: A study {written}")
    assert body.sources[0].url == url
    assert f'<a href="{url}" class="external">' in body.html
    assert rendered(f"A [study]({written.strip('(.)')}).").html.count(f'href="{url}"') == 1


def test_a_link_out_of_the_guide_says_so_visibly_to_screen_readers_and_offline() -> None:
    page = html_of("A [study](https://example.org/s).")
    assert (
        '<a href="https://example.org/s" class="external">study<span class="external-mark" aria-hidden="true">↗' in page
    )
    assert '<span class="visually-hidden"> (leaves the guide)</span>' in page
    assert '<span class="offline-note"> (not available offline)</span></a>' in page


def test_links_inside_the_guide_become_the_sites_addresses() -> None:
    topic_file = Path("/content/sections/02-b/01-other.md")
    faq_file = Path("/content/faqs/01-question.md")
    here = Here(
        HERE.file,
        HERE.prefix,
        {topic_file: Target("/topics/other", "", "topic-other"), faq_file: Target("/", "faq-question", "faq-question")},
    )
    body = render(
        "[a](/topics/other) [b](/#faq-question) [c](../02-b/01-other.md#risks) "
        "[d](../../faqs/01-question.md) [e](#risks)",
        TOPIC,
        here,
        first_line=4,
    )
    hrefs = re.findall(r'href="([^"]+)"', body.html)
    assert hrefs == ["/topics/other", "/#faq-question", "/topics/other#topic-other--risks", "/#faq-question",
                     "#topic-dosing--risks"]  # fmt: skip
    assert [(link.page, link.fragment, link.line) for link in body.links] == [
        ("/topics/other", None, 4),
        ("/", "faq-question", 4),
        ("/topics/other", "topic-other--risks", 4),
        ("/", "faq-question", 4),
        (None, "topic-dosing--risks", 4),
    ]
    assert "external" not in body.html


def test_the_plain_text_is_the_words_a_reader_sees() -> None:
    body = rendered(
        "# Head\n\n**Side** effects[^1] of [a drug](https://example.org/zebra).\n\n> [!NOTE]\n> Mind it.\n\n[^1]: Note."
    )
    assert body.text == "Head Side effects of a drug. Mind it."


# A hostile corpus: none of it may put a script, a style, a handler or a frame on the page.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="https://example.org"></iframe>',
    "<style>body{display:none}</style>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "[x](https://example.org 'it''s \"quoted\"')",
    '[x](<https://example.org/"onclick="alert(1)>)',
    '<https://example.org/"><script>alert(1)</script>>',
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "[^1]\n\n[^1]: <script>alert(1)</script>",
    "# <img src=x onerror=alert(1)>",
    "| <b>x</b> |\n|---|\n| y |",
]
ALLOWED_TAGS = {
    "p", "a", "strong", "em", "s", "ul", "ol", "li", "blockquote", "h4", "h5", "h6", "div", "table", "thead",
    "tbody", "tr", "th", "td", "code", "pre", "sup", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "href",
    "class",
    "id",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "tabindex",
    "style",
}


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES or name == "style":
                self.problems.append(f"{tag} {name}")
            if name == "href" and not re.match(r"^(https://|/|#)", value or ""):
                self.problems.append(f"href {value}")
            if name == "style" or (value and "javascript:" in value.lower()):
                self.problems.append(f"{name}={value}")


@pytest.mark.parametrize("markdown", HOSTILE)
def test_nothing_an_editor_writes_adds_a_script_style_handler_or_frame(markdown: str) -> None:
    try:
        page = html_of(markdown)
    except MarkdownError:
        return  # refused, with its line: the content error corpus checks the messages
    parser = _Markup()
    parser.feed(page)
    assert parser.problems == [], page
    assert "<script" not in page.lower()


def test_the_hostile_corpus_mixed_together_is_refused_or_inert() -> None:
    for first, second in itertools.combinations(HOSTILE[:8], 2):
        test_nothing_an_editor_writes_adds_a_script_style_handler_or_frame(f"{first}\n\n{second}")


def test_the_rich_fixture_uses_every_construct() -> None:
    pages = "".join(
        body.html
        for body in (
            RICH.introduction,
            RICH.conclusion,
            *(t.overview for t in RICH.topics),
            *(f.answer for f in RICH.faqs),
        )
    )
    for construct in (
        "<strong>", "<em>", "<s>", "<ol>", "<ul>\n<li>", "<blockquote>", 'role="region"', "<h2 ", "<h4 ", "<h5 ",
        'class="cite"', 'class="sources"', 'class="external"', "https://doi.org/", '="/topics/', '="/#faq-',
        "/topics/administration-methods#topic-administration-methods--routes-compared",
        *(f'class="callout callout-{kind}"' for kind in ("note", "tip", "important", "warning", "caution")),
    ):  # fmt: skip
        assert construct in pages, construct
