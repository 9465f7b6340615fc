"""Reflex state: the guide shared by every session, and the FAQ filter that runs in the reader's browser."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from ketaguide_app.content import published_guide
from ketaguide_app.models import Guide


class GuideState(rx.State):
    """Holds the validated guide once per process; nothing of it is copied into a reader's session."""

    guide: ClassVar[Guide] = published_guide()


class FaqFilterState(rx.State):
    """The FAQ filter: the query lives in the browser, so typing never waits for the server.

    What a query matches is decided by the one matching rule, `ketaguide.search` in ketaguide_app/js/search.js.
    """

    query: ClassVar[ClientStateVar] = ClientStateVar.create("faq_query", default="")
    shown: ClassVar[ClientStateVar] = ClientStateVar.create("faq_shown", default=len(GuideState.guide.faqs))
    announcement: ClassVar[ClientStateVar] = ClientStateVar.create("faq_announcement", default="")
