"""The Reflex app: one guide page at `/`, one per topic at `/topics/<slug>`, and the not-found page."""

from __future__ import annotations

import functools

import reflex as rx

from ketaguide_app import dom, seo
from ketaguide_app.cards.card import not_found_card
from ketaguide_app.icon import icon_address
from ketaguide_app.pages.guide import guide_page
from ketaguide_app.pages.not_found import ROUTE as NOT_FOUND_ROUTE
from ketaguide_app.pages.not_found import not_found_page
from ketaguide_app.paths import MANIFEST_PATH
from ketaguide_app.reflex_plugin import facts
from ketaguide_app.reflex_plugin.facts import AppIdentity, PageFacts
from ketaguide_app.search_documents import search_index_json
from ketaguide_app.state import GuideState
from ketaguide_app.styles import NO_SCRIPT_STYLESHEET, THEME_COLORS
from ketaguide_app.wording import LANGUAGE, WORDING

# No state on a server: every page is a static file, and what a reader does runs in their browser alone,
# so no reader opens a connection or leaves anything behind (see `state.py`).
app = rx.App(
    enable_state=False,
    theme=None,
    toaster=None,
    app_wraps={},
    html_lang=LANGUAGE,
    reset_style=False,
    head_components=[
        rx.el.noscript(rx.el.style(NO_SCRIPT_STYLESHEET)),
        # In the page itself: a browser fetches an icon it is linked to by itself, before the text has painted.
        rx.el.link(rel="icon", href=icon_address(), type="image/svg+xml"),
        rx.el.link(rel="manifest", href=MANIFEST_PATH),
        *(
            # `media` given as an attribute: Reflex would compile `media=` as a style (an emotion rule).
            rx.el.meta(name="theme-color", content=color, custom_attrs={"media": f"(prefers-color-scheme: {scheme})"})
            for scheme, color in THEME_COLORS.items()
        ),
    ],
)


def _add_pages() -> None:
    guide = GuideState.guide
    home = seo.PageMeta.for_home(guide)
    identity = AppIdentity(name=guide.title, short_name=WORDING.app_short_name, description=guide.description)
    structured = seo.structured_data_json
    index = search_index_json(guide)
    home_facts = PageFacts(home.path, structured(guide, home), installs_as=identity, card=home.card, search_index=index)
    pages = [(home, "", home_facts)]
    for topic in guide.topics:
        meta = seo.PageMeta.for_topic(guide, topic)
        pages.append((meta, topic.slug, PageFacts(meta.path, structured(guide, meta), dom.LANDING, card=meta.card)))
    for meta, open_topic, page in pages:
        app.add_page(
            functools.partial(guide_page, open_topic),
            route=meta.path,
            title=meta.title,
            description=meta.description,
            image=seo.absolute(meta.card.address),
            meta=seo.head_tags(meta),
            context=facts.context(page),
        )
    card = not_found_card(guide)
    app.add_page(
        not_found_page,
        route=NOT_FOUND_ROUTE,
        title=WORDING.not_found_title,
        image=seo.absolute(card.address),
        meta=seo.not_found_head_tags(card),
        context=facts.context(PageFacts(NOT_FOUND_ROUTE, not_found=True, card=card), sitemap=None),
    )


_add_pages()
