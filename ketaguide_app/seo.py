"""What a page tells search engines and link previews: meta tags, canonical address and JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import reflex as rx

from ketaguide_app.cards.card import Card, home_card, topic_card
from ketaguide_app.models import Faq, Guide, Source, Topic
from ketaguide_app.paths import HOME_PATH, topic_path, topic_slug
from ketaguide_app.settings import settings
from ketaguide_app.wording import LANGUAGE, WORDING

DEFAULT_BASE_URL = "http://localhost:3000"
DESCRIPTION_LIMIT = 160


def base_url() -> str:
    """The public address the site is served at: $KETAGUIDE_BASE_URL, else the local default."""
    return settings().base_url or DEFAULT_BASE_URL


def absolute(path: str) -> str:
    """The absolute public URL of a path on this site."""
    return base_url() + path


@dataclass(frozen=True)
class PageMeta:
    """The head of one page: its title, description, canonical path and link-preview card."""

    title: str
    description: str
    path: str
    card: Card

    @classmethod
    def for_home(cls, guide: Guide) -> PageMeta:
        """The home page's head: the guide itself."""
        return cls(title=guide.title, description=guide.description, path=HOME_PATH, card=home_card(guide))

    @classmethod
    def for_topic(cls, guide: Guide, topic: Topic) -> PageMeta:
        """A topic page's head, named after the topic so link previews show it."""
        return cls(
            title=f"{topic.title} — {guide.title}",
            description=shorten(f"{topic.subtitle}. {topic.overview.text}"),
            path=topic_path(topic.slug),
            card=topic_card(guide, topic),
        )


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Cut text at a word boundary to fit a meta description."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def image_tags(card: Card) -> list[rx.Component]:
    """What OpenGraph says of the page's image, to follow its `og:image` (Reflex writes that one, from `add_page`).

    Then the Twitter card with the same image; every alt text says what the card says.
    """
    properties = {
        "og:image:type": card.media_type,
        "og:image:width": str(card.width),
        "og:image:height": str(card.height),
        "og:image:alt": card.alt,
    }
    names = {
        "twitter:card": "summary_large_image",
        "twitter:image": absolute(card.address),
        "twitter:image:alt": card.alt,
    }
    return [
        *(rx.el.meta(property=key, content=value) for key, value in properties.items()),
        *(rx.el.meta(name=key, content=value) for key, value in names.items()),
    ]


def head_tags(meta: PageMeta) -> list[rx.Component]:
    """The image's tags, canonical link, OpenGraph and Twitter tags: `add_page(meta=…)`, after the `og:image`."""
    url = absolute(meta.path)
    properties = {"og:title": meta.title, "og:description": meta.description, "og:url": url, "og:type": "article"}
    names = {"twitter:title": meta.title, "twitter:description": meta.description}
    return [
        *image_tags(meta.card),
        rx.el.link(rel="canonical", href=url),
        *(rx.el.meta(property=key, content=value) for key, value in properties.items()),
        *(rx.el.meta(name=key, content=value) for key, value in names.items()),
    ]


def not_found_head_tags(card: Card) -> list[rx.Component]:
    """The not-found page's image and title tags: no address of its own to name, nothing to describe."""
    return [
        *image_tags(card),
        rx.el.meta(property="og:title", content=WORDING.not_found_title),
        rx.el.meta(property="og:type", content="website"),
        rx.el.meta(name="twitter:title", content=WORDING.not_found_title),
    ]


def page_meta(guide: Guide, path: str) -> PageMeta | None:
    """The head of the guide page served at `path` (`/` or `/topics/<slug>`), if it is one."""
    if path == HOME_PATH:
        return PageMeta.for_home(guide)
    slug = topic_slug(path)
    topic = guide.topic(slug) if slug else None
    return PageMeta.for_topic(guide, topic) if topic else None


def structured_data_json(guide: Guide, meta: PageMeta) -> str:
    """JSON-LD: MedicalWebPage on every page, citing its sources; FAQPage with every question on the home page.

    The build writes it into each page's HTML (crawlers read it there); it has no business in the JavaScript.
    """
    page: dict[str, object] = {
        "@type": "MedicalWebPage",
        "name": meta.title,
        "description": meta.description,
        "url": absolute(meta.path),
        "lastReviewed": guide.last_reviewed.isoformat(),
        "inLanguage": LANGUAGE,
    }
    slug = topic_slug(meta.path)
    topic = guide.topic(slug) if slug else None
    sources = topic.overview.sources if topic else every_source(guide)
    if sources:
        page["citation"] = citations(sources)
    graph = [page]
    if meta.path == HOME_PATH:
        graph.append({"@type": "FAQPage", "mainEntity": [question(faq) for faq in guide.faqs]})
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)


def question(faq: Faq) -> dict[str, object]:
    """One question and its answer as plain text, with the answer's sources."""
    answer: dict[str, object] = {"@type": "Answer", "text": faq.answer.text}
    if faq.answer.sources:
        answer["citation"] = citations(faq.answer.sources)
    return {"@type": "Question", "name": faq.question, "acceptedAnswer": answer}


def every_source(guide: Guide) -> list[Source]:
    """The sources of every body of the guide, each once, in reading order."""
    bodies = [guide.introduction, *(topic.overview for topic in guide.topics), guide.conclusion]
    bodies += [faq.answer for faq in guide.faqs]
    unique = {(source.text, source.url): source for body in bodies for source in body.sources}
    return list(unique.values())


def citations(sources: Iterable[Source]) -> list[dict[str, str]]:
    """Sources as schema.org's `citation`: what each says, and its address when it has one."""
    return [
        {"@type": "CreativeWork", "name": source.text} | ({"url": source.url} if source.url else {})
        for source in sources
    ]
