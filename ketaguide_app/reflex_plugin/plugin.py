"""The Reflex build plugin: applies the page steps to the prerendered site in order, naming the file on failure.

What each page needs (its address, JSON-LD, where it opens) comes from the facts the app added it with,
read in `pre_compile` as Reflex's own sitemap plugin reads its `context`; no step looks at the content.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from reflex_base.constants import ReactRouter
from reflex_base.plugins.base import Plugin

from ketaguide_app import seo
from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.card import Card
from ketaguide_app.cards.files import write_cards
from ketaguide_app.headers import ContentSecurityPolicy
from ketaguide_app.offline.build import write_manifest, write_service_worker
from ketaguide_app.paths import NOT_FOUND_PATH
from ketaguide_app.reflex_plugin import facts, originals
from ketaguide_app.reflex_plugin.app_shell import (
    DOCUMENT_MODULE,
    ROOT_MODULE,
    static_document,
    without_dynamic_component_globals,
)
from ketaguide_app.reflex_plugin.csp import combined, inline_code, with_csp_meta
from ketaguide_app.reflex_plugin.deferred_start import LOADER, StartModule, start_after_paint
from ketaguide_app.reflex_plugin.early_scroll import with_early_scroll_to
from ketaguide_app.reflex_plugin.facts import PageFacts
from ketaguide_app.reflex_plugin.inline_styles import minified as minified_css
from ketaguide_app.reflex_plugin.inline_styles import with_inline_styles
from ketaguide_app.reflex_plugin.modules import BrowserCode, write_browser_code, write_search_index
from ketaguide_app.reflex_plugin.stateless_bundle import VITE_CONFIG, check_no_server_state_code, with_stateless_stubs
from ketaguide_app.reflex_plugin.static_page import without_scripts
from ketaguide_app.reflex_plugin.structured_data import with_structured_data
from ketaguide_app.styles import STYLESHEET

STEP = "site pages"
# Where the static 404 page goes: the file static hosts serve for unknown addresses, and the fallback Reflex
# copies over it after this plugin has run.
NOT_FOUND_FILES = (NOT_FOUND_PATH.lstrip("/"), ReactRouter.SPA_FALLBACK)
T = TypeVar("T")


@dataclass(frozen=True)
class SharedParts:
    """What every guide page gets: the stylesheet inlined, the page script once painted, the modules once started."""

    css: str
    code: BrowserCode


@dataclass(frozen=True)
class KetaGuideBuildPlugin(Plugin):
    """Finishes each prerendered page; serves unknown addresses a plain-HTML 404 page.

    Hydrating the not-found page at an address the client router does not know would make React
    render it a second time, so unknown addresses get it without scripts, with plain links.
    """

    pages: list[PageFacts] = field(default_factory=list, compare=False)

    def pre_compile(self, **context: Any) -> None:
        """Keep what the app said about each page it added; leave out of the bundle what only server state runs."""
        self.pages[:] = facts.collect(context["unevaluated_pages"])
        for module, rewrite in (
            (VITE_CONFIG, with_stateless_stubs),
            (ROOT_MODULE, without_dynamic_component_globals),
            (DOCUMENT_MODULE, static_document),
        ):
            context["add_modify_task"](module, originals.kept_first(module, rewrite))

    def post_build(self, **context: Any) -> None:
        """Runs once the static site is built, before Reflex copies the fallback and compresses every file."""
        finish_site(context["static_dir"], self.pages)


def finish_site(static_dir: Path, pages: list[PageFacts]) -> None:
    """Every page finished, the static 404 page, robots.txt, the CSP that fits them all, the cards, the offline copy."""
    originals.keep_pages(static_dir)
    check_prerendered(static_dir, pages)
    check_no_server_state_code(static_dir)
    not_found = facts.the_one(pages, "not-found page", lambda page: page.not_found)
    installable = facts.the_one(pages, "page that installs the site as an app", lambda page: page.installs_as)
    searched = facts.the_one(pages, "page that carries the search index", lambda page: page.search_index)
    css = minified_css(STYLESHEET.read_text(encoding="utf-8"))
    assert searched.search_index is not None
    index = write_search_index(static_dir, searched.search_index)
    code = write_browser_code(static_dir, index, LOADER)
    shared = SharedParts(css, code)
    static_404 = with_inline_styles(apply(static_dir / not_found.prerendered_files()[-1], without_scripts), css)
    drop_prerendered(static_dir, not_found)
    guide_pages = [page for page in pages if not page.not_found]
    for page in guide_pages:
        for name in page.prerendered_files():
            finish = functools.partial(finished_page, facts=page, site=static_dir, shared=shared)
            write(static_dir / name, apply(static_dir / name, finish))
    for name in NOT_FOUND_FILES:
        write(static_dir / name, static_404)
    (static_dir / "robots.txt").write_text(robots_txt(), encoding="utf-8")
    add_policy(static_dir)
    assert installable.installs_as is not None
    write_manifest(static_dir, installable.installs_as)
    write_cards(static_dir, cards_of(pages))
    write_service_worker(static_dir, [page.address for page in guide_pages])


def cards_of(pages: list[PageFacts]) -> list[Card]:
    """Every page's link-preview card; a page added without one stops the build."""
    missing = [page.address for page in pages if page.card is None]
    if missing:
        raise BuildError(STEP, f"pages added without a link-preview card: {', '.join(missing)}")
    return [page.card for page in pages if page.card]


def check_prerendered(static_dir: Path, pages: list[PageFacts]) -> None:
    """Reflex prerendered exactly the pages the app added (and its own fallback page)."""
    wanted = {name for page in pages for name in page.prerendered_files()}
    found = {page.relative_to(static_dir).as_posix() for page in static_dir.rglob("*.html")}
    found.discard(ReactRouter.SPA_FALLBACK)
    if found != wanted:
        problem = f"extra {sorted(found - wanted)}, missing {sorted(wanted - found)}"
        raise BuildError(STEP, f"the prerendered pages differ from the pages the app added: {problem}", static_dir)


def drop_prerendered(static_dir: Path, page: PageFacts) -> None:
    """Remove a page's prerendered files (and the folder Reflex made for it, once empty)."""
    for name in page.prerendered_files():
        (static_dir / name).unlink()
        folder = (static_dir / name).parent
        if folder != static_dir and not any(folder.iterdir()):
            shutil.rmtree(folder)


def add_policy(static_dir: Path) -> None:
    """One CSP for the whole site, allowing each page's inline code by hash, stated in each page too."""
    pages = sorted(static_dir.rglob("*.html"))
    csp = ContentSecurityPolicy.for_inline(*combined(apply(page, inline_code) for page in pages))
    for page in pages:
        write(page, apply(page, functools.partial(with_csp_meta, csp=csp)))


def apply(page: Path, step: Callable[[str], T]) -> T:
    """What one step makes of the page's HTML; a step's BuildError names the file."""
    try:
        return step(page.read_text(encoding="utf-8"))
    except BuildError as error:
        raise error.in_file(page) from None


def write(page: Path, html: str) -> None:
    """Write a page back."""
    page.write_text(html, encoding="utf-8")


def finished_page(page: str, facts: PageFacts, site: Path, shared: SharedParts) -> str:
    """A guide page with its styles and structured data, on its topic at once, its scripts fetched once painted."""
    page = with_inline_styles(page, shared.css)
    if facts.structured_data is not None:
        page = with_structured_data(page, facts.structured_data)
    if facts.scroll_to is not None:
        page = with_early_scroll_to(page, facts.scroll_to)
    code = shared.code
    page, module = start_after_paint(page, script=code.script, also=code.modules, loader=code.loader)
    write_start_module(site, module)
    return page


def write_start_module(static_dir: Path, module: StartModule) -> None:
    """Write a page's start-up module (pages with the same code share one file)."""
    target = static_dir / module.path.lstrip("/")
    target.write_text(module.code, encoding="utf-8")


def robots_txt() -> str:
    """Allow everything and point crawlers at the sitemap under the public base URL."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {seo.absolute('/sitemap.xml')}\n"
