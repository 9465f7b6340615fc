"""Build steps Reflex does not do itself: pages that paint before their JavaScript, a static 404, robots.txt."""

from __future__ import annotations

import gzip
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflex_base.plugins.base import Plugin

from ketaguide_app import seo
from ketaguide_app.page_html import start_app_after_load, without_scripts

SPA_FALLBACK = "__spa-fallback.html"


@dataclass(frozen=True)
class KetaGuideBuildPlugin(Plugin):
    """Defers each page's JavaScript until it has loaded; serves the not-found page as plain HTML.

    Hydrating the not-found page at an address the client router does not know would make React
    render it a second time, so unknown addresses get it without scripts, with plain links.
    """

    not_found_route: str = "/not-found"

    def post_build(self, **context: Any) -> None:
        """Runs once the static site is built, before Reflex copies the fallback to 404.html."""
        static_dir: Path = context["static_dir"]
        not_found = static_dir / self.not_found_route.strip("/") / "index.html"
        static_page = without_scripts(not_found.read_text(encoding="utf-8")).encode()
        for page in static_dir.rglob("*.html"):
            if page.name not in (SPA_FALLBACK, "404.html"):
                _write_with_sidecars(page, start_app_after_load(page.read_text(encoding="utf-8")).encode())
        for name in (SPA_FALLBACK, "404.html"):
            _write_with_sidecars(static_dir / name, static_page)
        _write_with_sidecars(static_dir / "robots.txt", robots_txt().encode())


def robots_txt() -> str:
    """Allow everything and point crawlers at the sitemap under the public base URL."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {seo.absolute('/sitemap.xml')}\n"


def _write_with_sidecars(path: Path, data: bytes) -> None:
    """Write a file and refresh the precompressed copies the server prefers."""
    path.write_bytes(data)
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9))
    brotli = path.with_name(path.name + ".br")
    if brotli.exists():
        brotli.unlink()
    shutil.copystat(path, path.with_name(path.name + ".gz"))
