"""Specification of topic links: their own page and preview, the address bar, sharing, 404, sitemap, JSON-LD."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from playwright.sync_api import Browser, Page, expect

from ketaguide_app import seo
from ketaguide_app.browser import SHARE_STATUS_ID
from ketaguide_app.models import Topic
from ketaguide_app.wording import WORDING
from tests.browser.conftest import PUBLIC_BASE_URL, Site, close, new_phone_context, wait_for_app
from tests.browser.helpers import GUIDE, HeldAppStart, settled, text_of


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
    description = seo.PageMeta.for_topic(GUIDE, topic).description
    assert status == 200
    assert head.title == f"{topic.title} — {GUIDE.title}"
    assert head.meta["description"] == description
    assert head.links["canonical"] == url
    assert head.meta["og:title"] == head.title
    assert head.meta["og:description"] == description
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:image"] == f"{PUBLIC_BASE_URL}{seo.OG_IMAGE_PATH}"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:title"] == head.title
    assert topic.overview in text_of(served)


def test_the_preview_image_is_a_real_image(any_site: Site) -> None:
    status, _, headers = any_site.get(seo.OG_IMAGE_PATH)
    assert status == 200
    assert headers["content-type"] == "image/png"


def test_a_topic_is_in_view_before_the_app_starts_and_a_reader_who_scrolls_is_left_alone(
    page: Page, any_site: Site
) -> None:
    held = HeldAppStart(page)
    page.goto(any_site.url + "/topics/dosage-and-individualization", wait_until="domcontentloaded")
    heading = page.locator("#topic-dosage-and-individualization-heading")
    expect(heading).to_be_in_viewport()
    page.evaluate("() => window.scrollTo(0, 0)")
    assert not page.evaluate("() => document.documentElement.hasAttribute('data-app-started')")
    held.release()
    wait_for_app(page)
    settled(page)
    assert page.evaluate("() => window.scrollY") == 0
    expect(heading).to_be_focused()


def test_opening_a_topic_puts_its_url_in_the_address_bar_without_history_entries(page: Page, any_site: Site) -> None:
    page.goto(any_site.url + "/")
    wait_for_app(page)
    history = page.evaluate("() => history.length")
    page.locator("#section-mechanisms-and-neurobiology-heading").click()
    page.locator("#topic-nmda-receptors-heading").click()
    expect(page).to_have_url(any_site.url + "/topics/nmda-receptors")
    page.locator("#topic-glutamate-pathways-heading").click()
    expect(page).to_have_url(any_site.url + "/topics/glutamate-pathways")
    page.locator("#topic-glutamate-pathways-heading").click()
    expect(page).to_have_url(any_site.url + "/")
    assert page.evaluate("() => history.length") == history


def test_back_and_forward_behave(page: Page, any_site: Site) -> None:
    page.goto(any_site.url + "/")
    page.goto(any_site.url + "/topics/what-is-ketamine")
    wait_for_app(page)
    page.locator("#section-safety-and-future-research-heading").click()
    page.locator("#topic-safety-profile-heading").click()
    expect(page).to_have_url(any_site.url + "/topics/safety-profile")
    page.go_back()
    expect(page).to_have_url(any_site.url + "/")
    page.go_forward()
    expect(page).to_have_url(any_site.url + "/topics/safety-profile")
    expect(page.get_by_role("heading", name=GUIDE.title)).to_be_visible()


def test_share_copies_the_topic_link_and_confirms_it(browser: Browser, any_site: Site) -> None:
    context = new_phone_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(any_site.url + "/topics/managing-ptsd")
    wait_for_app(page)
    assert page.evaluate("() => navigator.share === undefined")
    page.get_by_role("button", name=WORDING.share_topic.format(title="Managing PTSD"), exact=True).click()
    status = page.locator(f"#{SHARE_STATUS_ID}")
    expect(status).to_have_text("Link to “Managing PTSD” copied")
    expect(status).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == any_site.url + "/topics/managing-ptsd"
    close(context)


def test_share_uses_the_phones_share_sheet_when_there_is_one(page: Page, any_site: Site) -> None:
    page.add_init_script("navigator.share = async (data) => { window.sharedData = data; };")
    page.goto(any_site.url + "/")
    wait_for_app(page)
    page.locator("#section-ketamine-basics-heading").click()
    page.locator("#topic-what-is-ketamine-heading").click()
    page.get_by_role("button", name=WORDING.share_topic.format(title="What Is Ketamine?"), exact=True).click()
    page.wait_for_function("() => window.sharedData !== undefined")
    shared = page.evaluate("() => window.sharedData")
    assert shared == {"title": "What Is Ketamine?", "url": any_site.url + "/topics/what-is-ketamine"}


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


def test_the_404_page_is_plain_html_whose_links_open_topics(page: Page, any_site: Site) -> None:
    page.goto(any_site.url + "/topics/no-such-topic")
    expect(page.get_by_role("heading", name="Page not found")).to_have_count(1)
    expect(page.locator("script")).to_have_count(0)
    page.get_by_role("link", name=GUIDE.topics[6].title).click()
    expect(page).to_have_url(any_site.url + "/topics/nmda-receptors")
    expect(page.locator("#topic-nmda-receptors-heading")).to_be_focused()


@pytest.mark.parametrize(
    "fragment", ["#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "#%E0%A4%A", "#faq-side-effects%22%3E%3Cb%3E", "#guide"]
)
def test_a_hostile_or_broken_fragment_changes_nothing(page: Page, site: Site, fragment: str) -> None:
    """A fragment never reaches the server: one server is enough."""
    page.goto(site.url + "/" + fragment)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=GUIDE.title)).to_be_visible()
    expect(page.locator("main img, main b")).to_have_count(0)
    assert page.eval_on_selector_all("details[open]", "(ds) => ds.length") == 0


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
