"""Serve `/topics/<slug>` directly: the static server would first redirect it to a trailing slash."""

from __future__ import annotations

import re
from typing import Any

from ketaguide_app.paths import TOPICS_PREFIX

TOPIC_PATH = re.compile(f"^{re.escape(TOPICS_PREFIX)}[^/.]+$")


def serve_topic_pages_without_redirect(app: Any) -> Any:
    """Wrap an ASGI app so a topic address reaches its prerendered page in one request."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and TOPIC_PATH.match(scope["path"]):
            scope = dict(scope, path=scope["path"] + "/", raw_path=scope["path"].encode() + b"/")
        await app(scope, receive, send)

    return middleware
