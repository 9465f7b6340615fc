"""Build steps Reflex does not do itself: pages that paint before their JavaScript, a static 404, robots.txt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflex_base.plugins.base import Plugin

from ketaguide_app import seo
from ketaguide_app.components.accordion import topic_heading_id
from ketaguide_app.content import published_guide
from ketaguide_app.page_html import start_app_after_load, with_early_scroll_to, with_structured_data, without_scripts
from ketaguide_app.paths import topic_slug

SPA_FALLBACK = "__spa-fallback.html"


@dataclass(frozen=True)
class KetaGuideBuildPlugin(Plugin):
    """Adds each page's JSON-LD and defers its JavaScript until it has loaded; serves a plain-HTML 404 page.

    Hydrating the not-found page at an address the client router does not know would make React
    render it a second time, so unknown addresses get it without scripts, with plain links.
    """

    not_found_route: str = "/not-found"

    def post_build(self, **context: Any) -> None:
        """Runs once the static site is built, before Reflex copies the fallback and compresses every file."""
        static_dir: Path = context["static_dir"]
        not_found = static_dir / self.not_found_route.strip("/") / "index.html"
        static_page = without_scripts(not_found.read_text(encoding="utf-8"))
        for page in static_dir.rglob("*.html"):
            page.write_text(finished_page(page.read_text(encoding="utf-8"), route_of(page, static_dir)), "utf-8")
        for name in (SPA_FALLBACK, "404.html"):
            (static_dir / name).write_text(static_page, encoding="utf-8")
        (static_dir / "robots.txt").write_text(robots_txt(), encoding="utf-8")


def route_of(page: Path, static_dir: Path) -> str:
    """The address a prerendered file is served at: `topics/x/index.html` and `topics/x.html` are `/topics/x`."""
    relative = page.relative_to(static_dir).as_posix().removesuffix("index.html").removesuffix(".html")
    return "/" + relative.rstrip("/")


def finished_page(page: str, route: str) -> str:
    """A guide page with its structured data, on its topic at once, fetching its JavaScript after it has loaded."""
    guide = published_guide()
    meta = seo.page_meta(guide, route)
    if meta is not None:
        page = with_structured_data(page, seo.structured_data_json(guide, meta))
    slug = topic_slug(route) if meta is not None else None
    if slug:
        page = with_early_scroll_to(page, topic_heading_id(slug))
    return start_app_after_load(page)


def robots_txt() -> str:
    """Allow everything and point crawlers at the sitemap under the public base URL."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {seo.absolute('/sitemap.xml')}\n"
