"""For a reviewer: where the content folder differs from the article the guide was taken from (not a test)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ketaguide_app.models import Guide

# Where the article's page chrome begins: everything after it ("Leave a Reply", "Related Posts"…) is not guide.
PAGE_CHROME_START = "Leave a Reply"
# The article's own markup around its text: bold marks, numbering, labels.
MARKUP = re.compile(r"\*\*\d+\. |Section \d+: |Overview: |Conclusion: |FAQs: |Q\d: | A: |: |\? ")


@dataclass(frozen=True)
class SourceReport:
    """The article's phrases the guide no longer holds word for word, and its page chrome the guide holds."""

    missing: list[str]
    chrome: list[str]


def article_phrases(article: str) -> list[str]:
    """Every piece of guide text in the article, without its markup."""
    phrases: list[str] = []
    for line in article.split(PAGE_CHROME_START, maxsplit=1)[0].splitlines():
        phrases += [piece.strip() for piece in MARKUP.split(line) if piece.strip()]
    return phrases


def chrome_lines(article: str) -> list[str]:
    """The article's page chrome, line by line."""
    return [line.strip() for line in article.split(PAGE_CHROME_START, 1)[-1].splitlines() if len(line.strip()) > 3]


def guide_text(guide: Guide) -> str:
    """Every text of the guide, as one string."""
    parts = [guide.title, guide.introduction.text, guide.disclaimer, guide.conclusion.text]
    for section in guide.sections:
        parts.append(section.title)
        parts += [f"{topic.title} {topic.subtitle} {topic.overview.text}" for topic in section.topics]
    parts += [f"{faq.question} {faq.answer.text}" for faq in guide.faqs]
    return "\n".join(parts)


def compare(guide: Guide, article_path: Path) -> SourceReport:
    """What of the article is not in the guide word for word, and what of its page chrome is."""
    article = article_path.read_text(encoding="utf-8")
    text = guide_text(guide)
    chrome = [PAGE_CHROME_START, *chrome_lines(article)]
    return SourceReport(
        missing=[phrase for phrase in article_phrases(article) if phrase not in text],
        chrome=[line for line in chrome if line in text],
    )
