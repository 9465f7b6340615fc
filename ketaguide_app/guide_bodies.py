"""Every body of a read guide rendered from its Markdown, and every link between entries checked.

Bodies are rendered once every entry's fields are valid, because a body may link to any other entry (by its
address or its file); each mistake names the body's file, its line, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ketaguide_app import dom
from ketaguide_app.content_error import ContentError
from ketaguide_app.models import Faq, Guide, RichText, Section, Topic
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.rich_text.checks import MarkdownError
from ketaguide_app.rich_text.links import Here, Target
from ketaguide_app.rich_text.render import Entry, render
from ketaguide_app.wording import WORDING

# The level of the heading each kind of body sits under: the title (h1), the conclusion's h2, a topic's or a
# question's h3.
INTRODUCTION_LEVEL, CONCLUSION_LEVEL, ENTRY_LEVEL = 1, 2, 3


@dataclass(frozen=True)
class BodyFile:
    """Where a body was read: its file, the file's line it starts on, the entry's name and the body's field."""

    path: Path
    first_line: int
    entry: str
    field: str


@dataclass(frozen=True)
class Files:
    """The file of each entry of the guide, by what it is."""

    guide: BodyFile
    conclusion: BodyFile
    sections: dict[str, Path]
    topics: dict[str, BodyFile]
    faqs: dict[str, BodyFile]


def render_bodies(guide: Guide, files: Files) -> Guide:
    """The guide with every body rendered; ContentError on a mistake in a body or a link to nothing."""
    targets = link_targets(guide, files)
    introduction = _render(guide.introduction, Entry(dom.INTRODUCTION, INTRODUCTION_LEVEL), files.guide, targets)
    conclusion = _render(guide.conclusion, Entry(dom.CONCLUSION, CONCLUSION_LEVEL), files.conclusion, targets)
    sections = [_section(section, files, targets) for section in guide.sections]
    faqs = [_faq(faq, files, targets) for faq in guide.faqs]
    rendered = guide.model_copy(
        update={"introduction": introduction, "conclusion": conclusion, "sections": sections, "faqs": faqs}
    )
    check_links(rendered, files)
    return rendered


def link_targets(guide: Guide, files: Files) -> dict[Path, Target]:
    """What a link to each entry's file opens: its page, its element there, the prefix of its headings' ids."""
    targets = {
        files.guide.path.resolve(): Target(HOME_PATH, "", dom.INTRODUCTION),
        files.conclusion.path.resolve(): Target(HOME_PATH, dom.CONCLUSION_HEADING, dom.CONCLUSION),
    }
    for section in guide.sections:
        element = dom.section_id(section.slug)
        targets[files.sections[section.slug].resolve()] = Target(HOME_PATH, element, element)
        for topic in section.topics:
            targets[files.topics[topic.slug].path.resolve()] = Target(
                topic_path(topic.slug), "", dom.topic_id(topic.slug)
            )
    for faq in guide.faqs:
        targets[files.faqs[faq.slug].path.resolve()] = Target(HOME_PATH, dom.faq_id(faq.slug), dom.faq_id(faq.slug))
    return targets


def _section(section: Section, files: Files, targets: dict[Path, Target]) -> Section:
    topics = [_topic(topic, files.topics[topic.slug], targets) for topic in section.topics]
    return section.model_copy(update={"topics": topics})


def _topic(topic: Topic, file: BodyFile, targets: dict[Path, Target]) -> Topic:
    entry = Entry(dom.topic_id(topic.slug), ENTRY_LEVEL, WORDING.overview_label)
    return topic.model_copy(update={"overview": _render(topic.overview, entry, file, targets)})


def _faq(faq: Faq, files: Files, targets: dict[Path, Target]) -> Faq:
    entry = Entry(dom.faq_id(faq.slug), ENTRY_LEVEL, WORDING.faq_answer_label)
    return faq.model_copy(update={"answer": _render(faq.answer, entry, files.faqs[faq.slug], targets)})


def _render(body: RichText, entry: Entry, file: BodyFile, targets: dict[Path, Target]) -> RichText:
    here = Here(file=file.path.resolve(), prefix=entry.prefix, targets=targets)
    try:
        rendered = render(body.markdown, entry, here, file.first_line)
    except MarkdownError as error:
        raise ContentError(file.path, file.entry, file.field, error.problem, error.line) from None
    return body.model_copy(
        update={
            "html": rendered.html,
            "text": rendered.text,
            "sources": tuple(rendered.sources),
            "anchors": tuple(rendered.anchors),
            "links": tuple(rendered.links),
        }
    )


def bodies(guide: Guide, files: Files) -> Iterator[tuple[RichText, BodyFile]]:
    """Every body of the guide with the file it was read from."""
    yield guide.introduction, files.guide
    yield guide.conclusion, files.conclusion
    for topic in guide.topics:
        yield topic.overview, files.topics[topic.slug]
    for faq in guide.faqs:
        yield faq.answer, files.faqs[faq.slug]


def page_ids(guide: Guide) -> set[str]:
    """Every id on a guide page that a link may name: entries, their headers, and what their bodies hold."""
    ids = {dom.GUIDE_TITLE, dom.DISCLAIMER, dom.CONCLUSION_HEADING, dom.FAQ_HEADING}
    for section in guide.sections:
        ids |= {dom.section_id(section.slug), dom.section_heading_id(section.slug)}
    for topic in guide.topics:
        ids |= {dom.topic_id(topic.slug), dom.topic_heading_id(topic.slug), *topic.overview.anchors}
    for faq in guide.faqs:
        ids |= {dom.faq_id(faq.slug), dom.faq_heading_id(faq.slug), *faq.answer.anchors}
    return ids | {*guide.introduction.anchors, *guide.conclusion.anchors}


def check_links(guide: Guide, files: Files) -> None:
    """Every link between entries opens a page the guide has, at an element that page has."""
    pages = {HOME_PATH, *(topic_path(topic.slug) for topic in guide.topics)}
    ids = page_ids(guide)
    for body, file in bodies(guide, files):
        for link in body.links:
            if link.page is not None and link.page not in pages:
                problem = f"links to {link.written}, but the guide has no page {link.page}"
                raise ContentError(file.path, file.entry, file.field, problem, link.line)
            if link.fragment is not None and link.fragment not in ids:
                problem = f"links to {link.written}, but the guide has no #{link.fragment} to link to"
                raise ContentError(file.path, file.entry, file.field, problem, link.line)
