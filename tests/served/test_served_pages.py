"""Specification of what a crawler or a chat app's link preview gets: each page's head, JSON-LD, 404 and sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ketaguide_app import seo
from ketaguide_app.headers import source_hash
from ketaguide_app.models import Topic
from ketaguide_app.reflex_plugin.csp import inline_code, meta_policy
from ketaguide_app.reflex_plugin.inline_styles import minified
from ketaguide_app.styles import NO_SCRIPT_STYLESHEET, STYLESHEET
from tests.exported import PUBLIC_BASE_URL, Site, text_of
from tests.fixture_guides import GUIDE

# A page of each kind, as the export writes them: the guide and a topic.
PARSED_PAGES = ("index.html", "topics/what-is-ketamine.html")


class HeadParser(HTMLParser):
    """Collects the title, meta tags, links and JSON-LD of served HTML."""

    def __init__(self) -> None:
        """Start with an empty head."""
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.json_ld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record meta tags and links; note when a title or JSON-LD script starts."""
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and "content" in values:
            self.meta[values.get("property") or values.get("name", "")] = values["content"]
        elif tag == "link":
            self.links[values.get("rel", "")] = values.get("href", "")
        elif tag == "title" or (tag == "script" and values.get("type") == "application/ld+json"):
            self._in = tag

    def handle_endtag(self, _tag: str) -> None:
        """Any closing tag ends a title or script."""
        self._in = None

    def handle_data(self, data: str) -> None:
        """Collect the text of the title or script being read."""
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(data)


def head_of(served: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(served)
    return parser


@pytest.mark.parametrize("topic", GUIDE.topics, ids=[t.slug for t in GUIDE.topics])
def test_each_topic_url_serves_its_own_title_description_and_preview(any_site: Site, topic: Topic) -> None:
    status, served, _ = any_site.get(f"/topics/{topic.slug}")
    head = head_of(served)
    url = f"{PUBLIC_BASE_URL}/topics/{topic.slug}"
    meta = seo.PageMeta.for_topic(GUIDE, topic)
    description = meta.description
    assert status == 200
    assert head.title == f"{topic.title} — {GUIDE.title}"
    assert head.meta["description"] == description
    assert head.links["canonical"] == url
    assert head.meta["og:title"] == head.title
    assert head.meta["og:description"] == description
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:image"] == f"{PUBLIC_BASE_URL}{meta.card.address}"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:title"] == head.title
    assert topic.overview.text in text_of(served)


@pytest.mark.parametrize(
    "path",
    [
        "/topics/no-such-topic",
        "/no/such/page",
        "/topics/nmda-receptors/extra",
        "/topics/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
)
def test_an_unknown_address_answers_404_with_every_topic(any_site: Site, path: str) -> None:
    status, served, _ = any_site.get(path)
    text = text_of(served)
    assert status == 404
    assert GUIDE.title in text
    assert "Page not found" in text
    hrefs = re.findall(r'href="(/topics/[^"]+)"', served)
    assert hrefs == [f"/topics/{topic.slug}" for topic in GUIDE.topics]


def test_the_sitemap_lists_the_home_page_and_every_topic(any_site: Site) -> None:
    status, served, _ = any_site.get("/sitemap.xml")
    assert status == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.fromstring(served.encode()).findall("s:url/s:loc", namespace)]
    assert locations == [f"{PUBLIC_BASE_URL}/"] + [f"{PUBLIC_BASE_URL}/topics/{t.slug}" for t in GUIDE.topics]
    status, robots, _ = any_site.get("/robots.txt")
    assert status == 200
    assert f"Sitemap: {PUBLIC_BASE_URL}/sitemap.xml" in robots


def test_the_home_page_carries_medical_page_and_faq_page_data_matching_the_text(any_site: Site) -> None:
    _, served, _ = any_site.get("/")
    head = head_of(served)
    assert len(head.json_ld) == 1
    graph = json.loads(head.json_ld[0])["@graph"]
    page, faq_page = graph
    assert page["@type"] == "MedicalWebPage"
    assert page["lastReviewed"] == GUIDE.last_reviewed.isoformat()
    assert page["name"] == GUIDE.title
    text = text_of(served)
    questions = faq_page["mainEntity"]
    assert [q["name"] for q in questions] == [f.question for f in GUIDE.faqs]
    assert all(q["name"] in text and q["acceptedAnswer"]["text"] in text for q in questions)


def test_a_topic_page_carries_medical_page_data_about_the_topic(any_site: Site) -> None:
    _, served, _ = any_site.get("/topics/nmda-receptors")
    graph = json.loads(head_of(served).json_ld[0])["@graph"]
    assert [item["@type"] for item in graph] == ["MedicalWebPage"]
    assert graph[0]["name"].startswith("NMDA Receptors — ")
    assert graph[0]["url"] == f"{PUBLIC_BASE_URL}/topics/nmda-receptors"


def guide_sentences() -> list[str]:
    texts = [GUIDE.title, GUIDE.introduction.text, GUIDE.disclaimer, GUIDE.conclusion.text]
    for section in GUIDE.sections:
        texts.append(section.title)
        texts += [text for topic in section.topics for text in (topic.title, topic.subtitle, topic.overview.text)]
    texts += [text for faq in GUIDE.faqs for text in (faq.question, faq.answer.text)]
    return texts


def test_every_sentence_is_in_the_html_the_server_sends(site: Site) -> None:
    status, served, _ = site.get("/")
    text = text_of(served)
    assert status == 200
    assert [sentence for sentence in guide_sentences() if sentence not in text] == []
    assert f"Page last reviewed: {GUIDE.last_reviewed.day} {GUIDE.last_reviewed:%B %Y}" in text
    assert f"Next review due: {GUIDE.next_review_due.day} {GUIDE.next_review_due:%B %Y}" in text


def test_the_head_carries_each_theme_colour_for_its_scheme_and_no_style_of_its_own(exported_site: Path) -> None:
    head = (exported_site / "index.html").read_text("utf-8").split("</head>", 1)[0]
    metas = re.findall(r"<meta [^>]*name=\"theme-color\"[^>]*>", head)
    assert sorted(re.search(r'media="([^"]+)"', meta).group(1) for meta in metas) == [  # type: ignore[union-attr]
        "(prefers-color-scheme: dark)",
        "(prefers-color-scheme: light)",
    ]
    assert not re.search(r'<meta [^>]*class="', head), "a meta tag styled by emotion"
    styles = re.findall(r"<style>(.*?)</style>", head, flags=re.DOTALL)
    stylesheet = minified(STYLESHEET.read_text("utf-8"))
    assert styles == [NO_SCRIPT_STYLESHEET, stylesheet]
    policy = meta_policy(head)
    assert policy is not None
    style_src = re.search(r"style-src ([^;]+)", policy).group(1).split()  # type: ignore[union-attr]
    assert sorted(style_src) == sorted(["'self'", *(source_hash(style) for style in styles)])
    assert 'rel="stylesheet"' not in head


@pytest.mark.parametrize("page", PARSED_PAGES)
def test_no_inline_script_reads_local_storage_or_sets_a_colour_class(exported_site: Path, page: str) -> None:
    served = (exported_site / page).read_text("utf-8")
    scripts, _ = inline_code(served)
    assert scripts, "the page's inline scripts were not found"
    assert [script[:60] for script in scripts if "localStorage" in script] == []
    assert re.search(r"<html [^>]*\bclass=", served) is None


@pytest.mark.parametrize("page", PARSED_PAGES)
def test_no_inline_script_opens_session_storage_or_rewrites_history_while_the_page_is_parsed(
    exported_site: Path, page: str
) -> None:
    scripts, _ = inline_code((exported_site / page).read_text("utf-8"))
    assert scripts, "the page's inline scripts were not found"
    touching = [
        script[:60] for script in scripts if re.search(r"sessionStorage|replaceState|scrollRestoration", script)
    ]
    assert touching == []
