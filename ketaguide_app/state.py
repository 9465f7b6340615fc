"""Reflex state: the guide shared by every session, and the FAQ filter that runs in the reader's browser."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from ketaguide_app import search
from ketaguide_app.content import published_guide
from ketaguide_app.models import Faq, Guide


class GuideState(rx.State):
    """Holds the validated guide once per process; nothing of it is copied into a reader's session."""

    guide: ClassVar[Guide] = published_guide()


class FaqFilterState(rx.State):
    """The FAQ filter: the query lives in the browser, so typing never waits for the server.

    The matching rule is `search.matches` in Python and its JavaScript twin in the browser; both are
    prepared here, per question, from the guide's text.
    """

    query: ClassVar[ClientStateVar] = ClientStateVar.create("faq_query", default="")
    shown: ClassVar[ClientStateVar] = ClientStateVar.create("faq_shown", default=len(GuideState.guide.faqs))
    announcement: ClassVar[ClientStateVar] = ClientStateVar.create("faq_announcement", default="")

    @staticmethod
    def matches(query: str, faq: Faq) -> bool:
        """Whether the question or its answer holds every word of the query."""
        return search.matches(query, f"{faq.question} {faq.answer}")

    @staticmethod
    def haystack(faq: Faq) -> str:
        """The normalized text of one question and its answer, computed once at build time."""
        return search.haystack(faq.question, faq.answer)
