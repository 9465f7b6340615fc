"""The page's DOM contract: the ids the Python, the browser code, the stylesheet and the tests share.

Ids come from slugs, never from positions, so reordering the guide breaks no link.
"""

from __future__ import annotations

GUIDE_TITLE = "guide-title"
DISCLAIMER = "disclaimer"
CONCLUSION_HEADING = "conclusion-heading"
FAQ_HEADING = "faq-heading"
# The prefixes of the ids inside the introduction's and the conclusion's bodies.
INTRODUCTION = "introduction"
CONCLUSION = "conclusion"
# A body's own ids (its headings, its sources) join the entry's id and their own name with this.
BODY_SEPARATOR = "--"


def section_id(slug: str) -> str:
    """A section's disclosure."""
    return f"section-{slug}"


def section_heading_id(slug: str) -> str:
    """A section's header."""
    return f"section-{slug}-heading"


def topic_id(slug: str) -> str:
    """A topic's disclosure."""
    return f"topic-{slug}"


def topic_heading_id(slug: str) -> str:
    """A topic's header: where a link to the topic lands and focus goes."""
    return f"topic-{slug}-heading"


def faq_id(slug: str) -> str:
    """A question's disclosure (the page's `#faq-<slug>` links name it)."""
    return f"faq-{slug}"


def faq_heading_id(slug: str) -> str:
    """A question's header."""
    return f"faq-{slug}-heading"


def body_id(prefix: str, name: str) -> str:
    """An id inside a body: a heading or a source of the entry whose id is `prefix`."""
    return f"{prefix}{BODY_SEPARATOR}{name}"
