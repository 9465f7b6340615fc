"""Pydantic models of the guide's content, with a description of each field for editors."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(
        description=(
            "Stable, URL-safe name (lowercase letters, digits and single hyphens). "
            "It is part of the topic's address: keep it when the title changes."
        )
    ),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
# Where one sentence ends and the next begins.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class ContentModel(BaseModel):
    """Common settings: unknown fields are errors, text is trimmed, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(ContentModel):
    """One source of a body, from a footnote: its number in the body, its text and HTML, and its address."""

    number: int = Field(description="Its number in the body's list of sources, in the order they are first cited.")
    text: str = Field(description="What the note says, as plain text.")
    html: str = Field(description="What the note says, rendered.")
    url: str | None = Field(default=None, description="The first address in the note (a DOI becomes its https link).")


class InternalLink(ContentModel):
    """A link from a body to a page or a part of the guide, to be checked once the whole guide is read."""

    page: str | None = Field(description="The page it opens (`/`, `/topics/<slug>`), or None for the page it is on.")
    fragment: str | None = Field(description="The id of the element it names on that page, if any.")
    line: int = Field(description="The line of the body's file it is written on.")
    written: str = Field(description="The link as the editor wrote it.")


class RichText(ContentModel):
    """A body written in Markdown, and what the build made of it: HTML, plain text, sources, link targets."""

    markdown: Text = Field(
        description="The text in Markdown: CommonMark with GitHub's tables, footnotes (text[^1] and [^1]: source) "
        "for sources, and callouts (> [!WARNING])."
    )
    html: str = Field(default="", description="The body rendered to HTML at build time.")
    text: str = Field(default="", description="The words of the body as plain text (search, descriptions).")
    sources: tuple[Source, ...] = Field(default=(), description="The body's numbered sources.")
    anchors: tuple[str, ...] = Field(default=(), description="The ids of its headings and sources, link targets.")
    links: tuple[InternalLink, ...] = Field(default=(), description="Its links to pages and parts of the guide.")

    @model_validator(mode="before")
    @classmethod
    def _from_markdown(cls, value: object) -> object:
        """A file's body is given as its Markdown; the build renders it."""
        return {"markdown": value} if isinstance(value, str) else value


class Topic(ContentModel):
    """One topic of a section: a title, a subtitle and an overview."""

    slug: Slug
    title: Text = Field(description="The topic's heading, e.g. 'What Is Ketamine?'.")
    subtitle: Text = Field(description="The line under the heading, e.g. 'A Primer on the Substance'.")
    overview: RichText = Field(description="The overview shown when the topic is expanded (the file's body).")


class Section(ContentModel):
    """One of the guide's numbered sections, holding its topics in order."""

    slug: Slug
    title: Text = Field(description="The section's heading without its number, e.g. 'Ketamine Basics'.")
    topics: list[Topic] = Field(min_length=1, description="The section's topics, one file each, in file-name order.")


class Faq(ContentModel):
    """One frequently asked question and its answer."""

    slug: Slug
    question: Text = Field(description="The question as a reader would ask it.")
    answer: RichText = Field(description="The answer (the file's body).")


class GuideHeader(ContentModel):
    """What `guide.md` holds: what the page says about itself, and the introduction."""

    title: Text = Field(description="The guide's title, shown as the page heading.")
    short_title: ShortText = Field(
        description="The guide's name in a few words (at most 40 characters), the link back to the whole guide "
        "at the top of each topic's page, e.g. 'Ketamine Therapy Guide'."
    )
    description: Text = Field(description="One or two sentences for search results and link previews.")
    disclaimer: Text = Field(description="The medical disclaimer, always visible at the top of the page.")
    disclaimer_summary: Text = Field(
        description="The disclaimer in a line or two, shown at the top of each topic's page with a link to the "
        "whole of it. It must keep the disclaimer's last sentence (the advice for a reader in crisis) word for word."
    )
    last_reviewed: datetime.date = Field(description="When a reviewer last checked the guide (YYYY-MM-DD).")
    next_review_due: datetime.date = Field(description="When the guide is next due for review (YYYY-MM-DD).")
    introduction: RichText = Field(description="The text under the title (the body of `guide.md`).")

    @field_validator("disclaimer_summary")
    @classmethod
    def _keeps_the_crisis_sentence(cls, summary: str, info: ValidationInfo) -> str:
        disclaimer = info.data.get("disclaimer")
        last_sentence = SENTENCE_END.split(disclaimer)[-1] if disclaimer else ""
        if last_sentence not in summary:
            msg = f"must keep the disclaimer's last sentence word for word: {last_sentence!r}"
            raise ValueError(msg)
        return summary

    @field_validator("next_review_due")
    @classmethod
    def _after_last_review(cls, due: datetime.date, info: ValidationInfo) -> datetime.date:
        last = info.data.get("last_reviewed")
        if last is not None and due <= last:
            msg = "must come after last_reviewed"
            raise ValueError(msg)
        return due


class Conclusion(ContentModel):
    """What `conclusion.md` holds: only its body."""

    conclusion: RichText = Field(description="The closing text (the body of `conclusion.md`).")


class Guide(GuideHeader, Conclusion):
    """The whole guide: header fields, introduction, sections, conclusion and FAQs."""

    sections: list[Section] = Field(min_length=1, description="The sections, one folder each, in folder-name order.")
    faqs: list[Faq] = Field(min_length=1, description="The questions, one file each, in file-name order.")

    @model_validator(mode="after")
    def _check_slugs(self) -> Guide:
        _reject_duplicates([s.slug for s in self.sections] + [t.slug for t in self.topics])
        _reject_duplicates([f.slug for f in self.faqs])
        return self

    @property
    def topics(self) -> list[Topic]:
        """Every topic of every section, in reading order."""
        return [topic for section in self.sections for topic in section.topics]

    def topic(self, slug: str) -> Topic | None:
        """The topic with this slug, if there is one."""
        return next((t for t in self.topics if t.slug == slug), None)

    def section_of(self, slug: str) -> Section | None:
        """The section that holds the topic with this slug, if there is one."""
        return next((s for s in self.sections if any(t.slug == slug for t in s.topics)), None)


class DuplicateSlugError(ValueError):
    """Two entries share a slug, so one address would point at two things."""

    def __init__(self, slug: str) -> None:
        """Remember the slug that is used twice."""
        super().__init__(f"the slug {slug!r} is used more than once")
        self.slug = slug


def _reject_duplicates(slugs: list[str]) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            raise DuplicateSlugError(slug)
        seen.add(slug)
