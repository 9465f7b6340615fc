"""The page's DOM contract: every id, attribute, class, storage key and event its parts share, written once.

The Python, the browser code, the stylesheet and the tests use these names. The browser code gets it once, in its
settings (`ketaguide.settings.dom`, see `browser_contract`); the stylesheet's rules that behaviour depends on use
these names, and a test checks that it does. Ids come from slugs, never from positions, so reordering the guide
breaks no link.
"""

from __future__ import annotations

from typing import Any

# Ids of the page's parts.
MAIN = "guide"
GUIDE_TITLE = "guide-title"
DISCLAIMER = "disclaimer"
DISCLAIMER_HEADING = "disclaimer-heading"
SECTIONS_HEADING = "sections-heading"
CONCLUSION_HEADING = "conclusion-heading"
FAQ_HEADING = "faq-heading"
FAQ_INPUT = "faq-search"
FAQ_HINT = "faq-search-hint"
FAQ_COUNT = "faq-count"
FAQ_ANNOUNCEMENT = "faq-announcement"
FAQ_EMPTY = "faq-empty"
SEARCH = "guide-search"
SEARCH_HINT = "guide-search-hint"
SEARCH_STATUS = "guide-search-status"
SEARCH_RESULTS = "guide-search-results"
SHARE_STATUS = "share-status"
OFFLINE_STATUS = "offline-status"
OFFLINE_SAVE = "offline-save"
JUMP = "jump"
# The box over the page in which `make preview` shows a mistake, and where its pages keep the reader's place
# across the reload onto a new build (only the preview's pages have either).
PREVIEW_OVERLAY = "preview-overlay"
PREVIEW_PLACE_STORE = "ketaguide:preview-place"
# Where a link to one topic lands (the build scrolls a topic's page to it as it is parsed).
LANDING = "landing"
# The prefixes of the ids inside the introduction's and the conclusion's bodies.
INTRODUCTION = "introduction"
CONCLUSION = "conclusion"
# A body's own ids (its headings, its sources) join the entry's id and their own name with this.
BODY_SEPARATOR = "--"

# Attributes: what the browser code finds elements by, and marks on them.
SECTION = "data-section"  # a section's disclosure; the value is its slug
TOPIC = "data-topic"  # a topic's disclosure; the value is its slug
HEADERS = "data-headers"  # a list of headers the arrow keys move between
SHARE = "data-share"  # a share button; the value is the topic's slug
SHOW_ALL = "data-show-all"  # the "Show all sections" button
ALL_OPEN = "data-all-open"  # on that button while every section is open: it offers to hide them
SEARCHED = "data-searched"  # text the FAQ filter marks its words in
RESTORED = "data-restored"  # a disclosure the page reopened for the reader (not opened by them just now)
PAGE_READY = "data-page-ready"  # on <html> once the page script listens: its controls work
STARTED = "data-app-started"  # on <html> once the app has started
UNAVAILABLE = "data-app-unavailable"  # on <html> once the loader has stopped asking for what failed to arrive
OFFLINE = "data-offline"  # on <html> while the reader is offline

# Classes that behaviour and the stylesheet share.
RICH = "rich"  # a body rendered from Markdown
TO_SEARCH = "to-search"  # a link that takes the reader to the search field
RESULT_TITLE = "result-title"
RESULT_PLACE = "result-place"
RESULT_SNIPPET = "result-snippet"
SHOW_LABEL = "show-label"
HIDE_LABEL = "hide-label"
WHEN_STARTED = "when-started"
UNTIL_STARTED = "until-started"
IF_UNAVAILABLE = "if-unavailable"
LABEL = "label"
SOURCES = "sources"
CITE = "cite"
VISUALLY_HIDDEN = "visually-hidden"
EXTERNAL_MARK = "external-mark"
OFFLINE_NOTE = "offline-note"
CALLOUT_TITLE = "callout-title"
# Text the FAQ filter never marks: interface wording, sources, what only screen readers hear.
UNMARKED = (LABEL, SOURCES, CITE, VISUALLY_HIDDEN, OFFLINE_NOTE, EXTERNAL_MARK, CALLOUT_TITLE)

# The browser's session storage key for the disclosures a reader had open.
OPEN_STORE = "ketaguide:open"
# The event the page says it has started with: from then on the site's own modules may change it.
STARTED_EVENT = "ketaguide:started"
# The event the start-up module sends when the app's entry module could not be fetched: the loader tries again.
START_FAILED_EVENT = "ketaguide:start-failed"


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


def selector(attribute: str, tag: str = "") -> str:
    """A CSS selector for the elements that carry the attribute."""
    return f"{tag}[{attribute}]"


def browser_contract() -> dict[str, Any]:
    """The contract as the browser code reads it (`ketaguide.settings.dom`)."""
    return {
        "ids": {
            "guideTitle": GUIDE_TITLE,
            "faqInput": FAQ_INPUT,
            "search": SEARCH,
            "searchStatus": SEARCH_STATUS,
            "searchResults": SEARCH_RESULTS,
            "shareStatus": SHARE_STATUS,
            "offlineStatus": OFFLINE_STATUS,
            "offlineSave": OFFLINE_SAVE,
            "jump": JUMP,
            "topicHeading": topic_heading_id("{slug}"),
        },
        "attributes": {
            "section": SECTION,
            "topic": TOPIC,
            "headers": HEADERS,
            "share": SHARE,
            "showAll": SHOW_ALL,
            "allOpen": ALL_OPEN,
            "searched": SEARCHED,
            "restored": RESTORED,
            "pageReady": PAGE_READY,
            "started": STARTED,
            "unavailable": UNAVAILABLE,
            "offline": OFFLINE,
        },
        "classes": {
            "toSearch": TO_SEARCH,
            "resultTitle": RESULT_TITLE,
            "resultPlace": RESULT_PLACE,
            "resultSnippet": RESULT_SNIPPET,
        },
        "unmarked": ", ".join(f".{name}" for name in UNMARKED),
        # Where the search may mark words before the app has started: HTML that React leaves to the browser.
        "markable": f".{RICH}, {selector(SEARCHED)}",
        "openStore": OPEN_STORE,
        "startedEvent": STARTED_EVENT,
    }
