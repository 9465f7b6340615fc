"""The search index: one document per part of the guide a reader can be sent to, from its rendered text.

Written by the build as a content-hashed JSON file (js/find.js fetches it once, and the offline copy keeps it):
the introduction, each section, each topic (title, subtitle, overview), each question (and its answer) and the
conclusion, each with the words it is found by, where it is, and where a result opens.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ketaguide_app import dom
from ketaguide_app.models import Guide
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.wording import WORDING


@dataclass(frozen=True)
class SearchDocument:
    """One result the search can give: its words (title, subtitle, body), its kind and place, where it opens.

    A result opens `href` on the element `target` (which holds the words it was found by).
    """

    kind: str
    place: str
    title: str
    subtitle: str
    body: str
    href: str
    target: str


def search_documents(guide: Guide) -> list[SearchDocument]:
    """Every part of the guide in reading order: introduction, sections with their topics, questions, conclusion."""
    documents = [
        SearchDocument(
            "introduction", WORDING.search_in_introduction, guide.title, "", guide.introduction.text,
            HOME_PATH, dom.INTRODUCTION,
        )
    ]  # fmt: skip
    for number, section in enumerate(guide.sections, start=1):
        place = WORDING.search_in_section.format(number=number)
        target = dom.section_id(section.slug)
        documents.append(SearchDocument("section", place, section.title, "", "", HOME_PATH, target))
        in_topic = WORDING.search_in_topic.format(number=number, section=section.title)
        documents += [
            SearchDocument(
                "topic", in_topic, topic.title, topic.subtitle, topic.overview.text, topic_path(topic.slug),
                dom.topic_id(topic.slug),
            )
            for topic in section.topics
        ]  # fmt: skip
    documents += [
        SearchDocument(
            "question", WORDING.search_in_question, faq.question, "", faq.answer.text, HOME_PATH, dom.faq_id(faq.slug)
        )
        for faq in guide.faqs
    ]
    documents.append(
        SearchDocument(
            "conclusion", WORDING.search_in_conclusion, WORDING.conclusion_heading, "", guide.conclusion.text,
            HOME_PATH, dom.CONCLUSION,
        )
    )  # fmt: skip
    return documents


def search_index_json(guide: Guide) -> str:
    """The index as the browser reads it: `{"documents": [...]}`, compact."""
    documents = [asdict(document) for document in search_documents(guide)]
    return json.dumps({"documents": documents}, ensure_ascii=False, separators=(",", ":"))
