"""The site's addresses: the home page, one page per topic under `/topics/`, and the files of the offline copy."""

from __future__ import annotations

HOME_PATH = "/"
TOPICS_PREFIX = "/topics/"
NOT_FOUND_PATH = "/404.html"
# The 404 page by its clean address: every promised host answers it 200 without a redirect (Cloudflare Pages
# answers /404.html with 308 to /404), so the offline copy keeps it under this one.
NOT_FOUND_ADDRESS = "/404"
MANIFEST_PATH = "/manifest.json"
WORKER_PATH = "/sw.js"


def topic_path(slug: str) -> str:
    """The address of one topic's page."""
    return TOPICS_PREFIX + slug


def topic_slug(path: str) -> str | None:
    """The slug a topic address names, or None for any other address."""
    return path.removeprefix(TOPICS_PREFIX) if path.startswith(TOPICS_PREFIX) else None
