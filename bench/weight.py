"""The gzip and Brotli size of the HTML, JavaScript and CSS a page loads, from the build and as the server sends it."""

from __future__ import annotations

import gzip
import json
import re
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

STATIC_IMPORT = re.compile(r"""(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"'\s]+\.(?:m?js|css))["']""")
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["']([^"'\s]+\.m?js)["']\s*\)""")


class _AssetFinder(HTMLParser):
    """Collects a page's script sources, stylesheets, preloads, deferred modules and inline module imports.

    Also the modules the page runs once its app has started (`data-after`): a first visit loads them too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_css = ""
        self._in_module = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "script" and attr.get("src"):
            self.urls.append(attr["src"])
        if tag == "script" and attr.get("data-modules"):
            self.urls += json.loads(attr["data-modules"])
        for listed in ("data-start", "data-after"):
            if tag == "script" and attr.get(listed):
                self.urls += attr[listed].split()
        self._in_module = tag == "script" and attr.get("type") == "module" and not attr.get("src")
        self._in_style = tag == "style"
        rel = set(attr.get("rel", "").split())
        wanted = {"stylesheet", "modulepreload"} & rel or ("preload" in rel and attr.get("as") in {"script", "style"})
        if tag == "link" and wanted and attr.get("href"):
            self.urls.append(attr["href"])

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css += data
        if self._in_module:
            self.urls += STATIC_IMPORT.findall(data) + DYNAMIC_IMPORT.findall(data)

    def handle_endtag(self, _tag: str) -> None:
        self._in_module = self._in_style = False


def built_page(build_dir: Path, path: str) -> Path:
    """The prerendered file served at `path`: `/` is index.html, `/topics/x` is topics/x.html."""
    return build_dir / ("index.html" if path == "/" else path.strip("/") + ".html")


def page_assets(build_dir: Path, path: str) -> list[str]:
    """Every same-origin JS/CSS path a page loads: its tags, inline imports and their static imports."""
    finder = _AssetFinder()
    finder.feed(built_page(build_dir, path).read_text(encoding="utf-8"))
    queue = [urllib.parse.urljoin("/", url) for url in finder.urls]
    found: list[str] = []
    while queue:
        path = queue.pop(0)
        if path in found or urllib.parse.urlparse(path).netloc or not path.endswith((".js", ".mjs", ".css")):
            continue
        found.append(path)
        if path.endswith(("js", "mjs")):
            code = (build_dir / path.lstrip("/")).read_text(encoding="utf-8")
            queue += [urllib.parse.urljoin(path, url) for url in STATIC_IMPORT.findall(code)]
    return found


def inline_css_bytes(build_dir: Path, path: str) -> int:
    """How many bytes of CSS the page carries in its own `<style>` elements (part of its HTML)."""
    finder = _AssetFinder()
    finder.feed(built_page(build_dir, path).read_text(encoding="utf-8"))
    return len(finder.inline_css.encode("utf-8"))


def transferred(url: str, encoding: str = "gzip") -> tuple[int, int, str]:
    """Body bytes as sent with `Accept-Encoding: <encoding>`, the decoded size (gzip only), and the encoding used."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding", "identity")
    decoded = len(gzip.decompress(body)) if encoding == "gzip" else len(body)
    return len(body), decoded, encoding


def measure(build_dir: Path, base_url: str, page: str = "/") -> dict:
    """Per kind (html, js, css) of what `page` loads: file count, gzip and Brotli bytes as served, raw bytes.

    Args:
        build_dir: the exported site folder that the server at `base_url` serves.
        base_url: the server's address.
        page: the page's path.

    Returns:
        Totals per kind and the figures of every file.
    """
    if not built_page(build_dir, page).exists():
        raise RuntimeError(f"{built_page(build_dir, page)} is missing: the export did not produce it")
    files = []
    for path in [page, *page_assets(build_dir, page)]:
        sent, size, encoding = transferred(base_url.rstrip("/") + path)
        brotli = transferred(base_url.rstrip("/") + path, "br")[0]
        kind = "html" if path == page else path.rsplit(".", 1)[-1].replace("mjs", "js")
        files.append(
            {"path": path, "kind": kind, "gzip_bytes": sent, "br_bytes": brotli, "bytes": size, "encoding": encoding}
        )
    totals: dict[str, dict[str, int]] = {}
    for kind in ("html", "js", "css"):
        chosen: list[dict[str, Any]] = [f for f in files if f["kind"] == kind]
        totals[kind] = {
            "files": len(chosen),
            "gzip_bytes": sum(f["gzip_bytes"] for f in chosen),
            "br_bytes": sum(f["br_bytes"] for f in chosen),
            "bytes": sum(f["bytes"] for f in chosen),
        }
    totals["total"] = {key: sum(totals[kind][key] for kind in ("html", "js", "css")) for key in totals["html"]}
    return {"totals": totals, "files": files, "inline_css_bytes": inline_css_bytes(build_dir, page)}
