"""Specification of the facts the app hands the build about each page, and how the plugin checks them."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.card import home_card
from ketaguide_app.reflex_plugin import facts
from ketaguide_app.reflex_plugin.facts import PageFacts
from ketaguide_app.reflex_plugin.plugin import cards_of, check_prerendered
from tests.fixture_guides import GUIDE

HOME = PageFacts("/")
TOPIC = PageFacts("/topics/nmda-receptors", scroll_to="landing")
NOT_FOUND = PageFacts("/not-found", not_found=True)


def test_a_page_is_prerendered_where_reflex_writes_its_route() -> None:
    assert HOME.prerendered_files() == ("index.html",)
    assert TOPIC.prerendered_files() == ("topics/nmda-receptors.html", "topics/nmda-receptors/index.html")


def test_the_facts_travel_in_the_page_context_beside_other_plugins_settings() -> None:
    page = SimpleNamespace(route="not-found", context=facts.context(NOT_FOUND, sitemap=None))
    assert page.context["sitemap"] is None
    assert facts.collect([page]) == [NOT_FOUND]


def test_a_page_added_without_its_facts_stops_the_build() -> None:
    page = SimpleNamespace(route="stray", context={"sitemap": None})
    with pytest.raises(BuildError, match=re.escape("the page at 'stray' was added without its facts")):
        facts.collect([page])


def test_exactly_one_page_may_be_the_not_found_page() -> None:
    assert facts.the_one([HOME, NOT_FOUND], "not-found page", lambda page: page.not_found) == NOT_FOUND
    with pytest.raises(BuildError, match="expected one not-found page, found 0"):
        facts.the_one([HOME, TOPIC], "not-found page", lambda page: page.not_found)


def prerender(folder: Path, *names: str) -> Path:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("<html></html>", encoding="utf-8")
    return folder


def test_the_plugin_finishes_exactly_the_pages_the_app_added(tmp_path: Path) -> None:
    site = prerender(tmp_path, "index.html", *TOPIC.prerendered_files(), "__spa-fallback.html")
    check_prerendered(site, [HOME, TOPIC])
    prerender(site, "topics/stray.html")
    with pytest.raises(BuildError, match=re.escape("differ from the pages the app added: extra ['topics/stray.html']")):
        check_prerendered(site, [HOME, TOPIC])
    (site / "topics/stray.html").unlink()
    (site / "index.html").unlink()
    with pytest.raises(BuildError, match=re.escape("missing ['index.html']")):
        check_prerendered(site, [HOME, TOPIC])


def test_reflexs_own_client_side_404_page_needs_no_facts() -> None:
    reflex_404 = SimpleNamespace(route="404", context={})
    assert facts.collect([reflex_404, SimpleNamespace(route="index", context=facts.context(HOME))]) == [HOME]


def test_every_page_must_come_with_its_link_preview_card() -> None:
    card = home_card(GUIDE)
    assert cards_of([PageFacts("/", card=card)]) == [card]
    with pytest.raises(BuildError, match=re.escape("pages added without a link-preview card: /topics/nmda-receptors")):
        cards_of([PageFacts("/", card=card), TOPIC])
