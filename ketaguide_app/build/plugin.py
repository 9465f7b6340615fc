"""The Reflex build plugin: applies the page steps to the prerendered site in order, naming the file on failure."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from reflex_base.plugins.base import Plugin

from ketaguide_app import seo
from ketaguide_app.build.checks import BuildError
from ketaguide_app.build.csp import combined, inline_code, with_csp_meta
from ketaguide_app.build.deferred_start import StartModule, start_after_load
from ketaguide_app.build.early_scroll import with_early_scroll_to
from ketaguide_app.build.modules import write_page_modules
from ketaguide_app.build.offline import write_manifest, write_service_worker
from ketaguide_app.build.static_page import without_scripts
from ketaguide_app.build.structured_data import with_structured_data
from ketaguide_app.components.landing import LANDING_ID
from ketaguide_app.content import published_guide
from ketaguide_app.headers import ContentSecurityPolicy
from ketaguide_app.paths import topic_slug

NOT_FOUND_PAGES = ("404.html", "__spa-fallback.html")
T = TypeVar("T")


@dataclass(frozen=True)
class KetaGuideBuildPlugin(Plugin):
    """Finishes each prerendered page; serves unknown addresses a plain-HTML 404 page.

    Hydrating the not-found page at an address the client router does not know would make React
    render it a second time, so unknown addresses get it without scripts, with plain links.
    """

    not_found_route: str = "/not-found"

    def post_build(self, **context: Any) -> None:
        """Runs once the static site is built, before Reflex copies the fallback and compresses every file."""
        finish_site(context["static_dir"], self.not_found_route)


def finish_site(static_dir: Path, not_found_route: str) -> None:
    """Every page finished, the static 404 page, robots.txt, the CSP that fits them all, the offline copy."""
    guide = published_guide()
    page_modules = write_page_modules(static_dir)
    static_404 = apply(static_dir / not_found_route.strip("/") / "index.html", without_scripts)
    for page in sorted(static_dir.rglob("*.html")):
        if page.name not in NOT_FOUND_PAGES:
            route = route_of(page, static_dir)
            finish = functools.partial(finished_page, route=route, site=static_dir, also=page_modules)
            write(page, apply(page, finish))
    for name in NOT_FOUND_PAGES:
        write(static_dir / name, static_404)
    (static_dir / "robots.txt").write_text(robots_txt(), encoding="utf-8")
    add_policy(static_dir)
    write_manifest(static_dir, guide)
    write_service_worker(static_dir, guide)


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


def route_of(page: Path, static_dir: Path) -> str:
    """The address a prerendered file is served at: `topics/x/index.html` and `topics/x.html` are `/topics/x`."""
    relative = page.relative_to(static_dir).as_posix().removesuffix("index.html").removesuffix(".html")
    return "/" + relative.rstrip("/")


def finished_page(page: str, route: str, site: Path, also: tuple[str, ...] = ()) -> str:
    """A guide page with its structured data, on its topic at once, fetching its JavaScript after it has loaded.

    `also` names the site's own modules the page runs once the app has started.
    """
    guide = published_guide()
    meta = seo.page_meta(guide, route)
    if meta is not None:
        page = with_structured_data(page, seo.structured_data_json(guide, meta))
        if topic_slug(route):
            page = with_early_scroll_to(page, LANDING_ID)
    page, module = start_after_load(page, also=also)
    write_start_module(site, module)
    return page


def write_start_module(static_dir: Path, module: StartModule) -> None:
    """Write a page's start-up module (pages with the same code share one file)."""
    target = static_dir / module.path.lstrip("/")
    target.write_text(module.code, encoding="utf-8")


def robots_txt() -> str:
    """Allow everything and point crawlers at the sitemap under the public base URL."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {seo.absolute('/sitemap.xml')}\n"
