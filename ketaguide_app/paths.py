"""The site's addresses: the home page, one page per topic under `/topics/`, and the files of the offline copy."""

from __future__ import annotations

HOME_PATH = "/"
TOPICS_PREFIX = "/topics/"
NOT_FOUND_PATH = "/404.html"
MANIFEST_PATH = "/manifest.json"
WORKER_PATH = "/sw.js"


def topic_path(slug: str) -> str:
    """The address of one topic's page."""
    return TOPICS_PREFIX + slug


def topic_slug(path: str) -> str | None:
    """The slug a topic address names, or None for any other address."""
    return path.removeprefix(TOPICS_PREFIX) if path.startswith(TOPICS_PREFIX) else None
