"""The site's addresses: the home page, and one page per topic under `/topics/`."""

from __future__ import annotations

HOME_PATH = "/"
TOPICS_PREFIX = "/topics/"


def topic_path(slug: str) -> str:
    """The address of one topic's page."""
    return TOPICS_PREFIX + slug


def topic_slug(path: str) -> str | None:
    """The slug a topic address names, or None for any other address."""
    return path.removeprefix(TOPICS_PREFIX) if path.startswith(TOPICS_PREFIX) else None
