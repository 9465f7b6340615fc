"""The Markdown the guide is written in: CommonMark with GitHub's tables, strikethrough, autolinks and footnotes.

markdown-it-py is the CommonMark-compliant parser in Python (MyST and Jupyter Book build on it) and gives a token
stream to check before any HTML exists; mdit-py-plugins adds footnotes, linkify-it-py the bare https:// links.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin


@functools.cache
def markdown() -> MarkdownIt:
    """The parser, set up once.

    HTML is tokenized (so that it can be refused, never passed on), and every link is kept as a link whatever its
    address (so that a `javascript:` link is refused by name instead of shown as text).
    """
    parser = MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": False})
    parser.enable(["table", "strikethrough", "linkify"])
    parser.use(footnote_plugin)
    # Only addresses written in full become links: "ketamine.org" in a sentence stays text.
    assert parser.linkify is not None  # markdown-it sets it up when linkify-it-py is installed
    parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    parser.validateLink = _every_address  # type: ignore[method-assign]  # an instance's own rule, as documented
    return parser


def _every_address(url: str) -> bool:  # noqa: ARG001  (the rule markdown-it asks: keep every link a link)
    """Whether markdown-it keeps a link as one: always; links.py decides which addresses can be published."""
    return True
