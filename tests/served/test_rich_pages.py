"""Specification of rich content as a crawler gets it: HTML in the served page, no Markdown, sources cited."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ketaguide_app.content import load_guide
from tests.exported import Site, text_of
from tests.fixture_guides import RICH_GUIDE
from tests.served.test_served_pages import head_of

RICH = load_guide(RICH_GUIDE)


def test_the_served_page_holds_the_rendered_html_of_every_body(rich_site: Site) -> None:
    status, served, _ = rich_site.get("/topics/safety-profile")
    assert status == 200
    for body in (
        RICH.introduction,
        RICH.conclusion,
        *(t.overview for t in RICH.topics),
        *(f.answer for f in RICH.faqs),
    ):
        assert body.html in served


def test_no_markdown_syntax_reaches_the_reader(rich_site: Site) -> None:
    _, served, _ = rich_site.get("/")
    text = text_of(served)
    for syntax in ("**", "[^", "[!", "](", "~~", "| --- |", "\n# ", "\n> "):
        assert syntax not in text, syntax
    assert "Side effects may include:" in text


def test_every_page_cites_its_sources_in_its_structured_data(rich_site: Site) -> None:
    _, served, _ = rich_site.get("/topics/safety-profile")
    page = json.loads(head_of(served).json_ld[0])["@graph"][0]
    assert [citation["url"] for citation in page["citation"]] == [
        "https://example.org/fixture/source-one",
        "https://doi.org/10.5555/12345678",
    ]
    _, served, _ = rich_site.get("/topics/nmda-receptors")
    assert "citation" not in json.loads(head_of(served).json_ld[0])["@graph"][0]


def test_page_descriptions_and_previews_are_plain_text(rich_site: Site) -> None:
    for topic in RICH.topics:
        _, served, _ = rich_site.get(f"/topics/{topic.slug}")
        head = head_of(served)
        for name in ("description", "og:description", "twitter:description"):
            assert not re.search(r"[*\[\]#>|]", head.meta[name]), (topic.slug, name, head.meta[name])


def test_the_offline_copy_keeps_every_rich_page(rich_site: Site) -> None:
    _, worker, _ = rich_site.get("/sw.js")
    listed = json.loads(re.search(r"const PRECACHE = (\{.*?\});", worker).group(1))["files"]  # type: ignore[union-attr]
    assert {f"/topics/{topic.slug}" for topic in RICH.topics} <= set(listed)


def test_the_javascript_carries_no_body_the_page_already_holds(rich_exported_site: Path) -> None:
    scripts = "".join(path.read_text("utf-8") for path in rich_exported_site.rglob("*.js"))
    for topic in RICH.topics:
        assert topic.overview.html not in scripts
    # The words past the start that a topic page's description quotes, in the head of its own route's module.
    for words in ("The fixture's list of", "A fixture warning", "Example source two", "The table scrolls"):
        assert words not in scripts, words
