"""Build step: the exported site folder, complete and checked, that any web server or static host can serve."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import brotli
from reflex_base.constants import ReactRouter

from ketaguide_app.build_checks import BuildError
from ketaguide_app.export.header_rules import CADDY_FILE, RULE_FILES, write_rules
from ketaguide_app.headers import ContentSecurityPolicy
from ketaguide_app.offline.build import ICONS, listed_in_service_worker, page_file
from ketaguide_app.paths import MANIFEST_PATH, NOT_FOUND_PATH, WORKER_PATH
from ketaguide_app.reflex_plugin.csp import combined, inline_code, meta_policy

STEP = "site folder"
# Only Reflex's own server uses its fallback page.
BUILD_ONLY = (ReactRouter.SPA_FALLBACK,)
REQUIRED = (
    "sitemap.xml",
    "sitemap.xml",
    "robots.txt",
    "favicon.ico",
    "favicon.svg",
    MANIFEST_PATH.lstrip("/"),
    WORKER_PATH.lstrip("/"),
    *(icon.lstrip("/") for icon, _, _ in ICONS),
)
# GitHub Pages drops files whose names start with "_" (Vite's chunks, for one) unless this file is present.
NO_JEKYLL = ".nojekyll"
# Which files Reflex compresses (its compress-static.js): these types, from 256 bytes, and every page.
COMPRESSIBLE = re.compile(r"\.(js|css|html|json|svg|xml|txt|map|mjs)$")
MIN_COMPRESSED_SIZE = 256
SIDECARS: dict[str, Callable[[bytes], bytes]] = {".gz": gzip.decompress, ".br": brotli.decompress}
LOCAL_REFERENCE = re.compile(r'\b(?:href|src)="(/[^"#?]*)')
META_TAG = re.compile(r"<meta\b[^>]*>")
PREVIEW_IMAGE_KEYS = ('property="og:image"', 'name="twitter:image"')
META_CONTENT = re.compile(r'\bcontent="([^"]*)"')
START_LIST = re.compile(r'\bdata-(?:start|after)="([^"]*)"')
MODULE_LIST = re.compile(r'\bdata-modules="([^"]*)"')


def assemble(build_dir: Path, out_dir: Path, pages: list[str]) -> None:
    """Copy Reflex's output into `out_dir`, keep one file per page, add the header rules, and check it all.

    `pages` are the addresses of the guide's pages, which the folder must hold and nothing else.
    """
    staging = out_dir.with_name(f".{out_dir.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(build_dir, staging)
    drop_duplicate_pages(staging)
    drop(staging, BUILD_ONLY)
    write_rules(staging, stated_policy(staging))
    (staging / NO_JEKYLL).write_text("", encoding="utf-8")
    check_complete(staging, pages)
    replace(out_dir, staging)


def drop_duplicate_pages(site: Path) -> None:
    """Keep `x.html` for each page that Reflex also wrote as `x/index.html`: no folder, no trailing-slash redirect."""
    for copy in sorted(site.rglob("*/index.html")):
        page = copy.parent.with_suffix(".html")
        if not page.is_file() or page.read_bytes() != copy.read_bytes():
            raise BuildError(STEP, f"{copy} has no identical {page.name} beside its folder")
        drop(copy.parent, ["index.html"])
        if not any(copy.parent.iterdir()):
            copy.parent.rmdir()


def drop(folder: Path, names: tuple[str, ...] | list[str]) -> None:
    """Remove these files or folders, with their compressed copies."""
    for name in names:
        for path in (folder / name, *(folder / f"{name}{suffix}" for suffix in SIDECARS)):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def stated_policy(site: Path) -> ContentSecurityPolicy:
    """The CSP every page states, after checking that it allows exactly the site's inline code."""
    pages = sorted(site.rglob("*.html"))
    csp = ContentSecurityPolicy.for_inline(*combined(inline_code(page.read_text("utf-8")) for page in pages))
    for page in pages:
        stated = meta_policy(page.read_text("utf-8"))
        if stated != csp.meta():
            raise BuildError(STEP, "its CSP <meta> does not match the site's inline code", page)
    return csp


def check_complete(site: Path, pages: list[str]) -> None:
    """Every page and file the site needs is there, every page's references resolve, every copy decompresses."""
    expected = {page_file(address) for address in [*pages, NOT_FOUND_PATH]}
    missing = [name for name in (*sorted(expected), *REQUIRED, *RULE_FILES, NO_JEKYLL) if not (site / name).is_file()]
    if missing:
        raise BuildError(STEP, f"missing {', '.join(missing)}", site)
    found = {page.relative_to(site).as_posix() for page in site.rglob("*.html")}
    if found != expected:
        problem = f"pages differ from the guide: extra {found - expected}, missing {expected - found}"
        raise BuildError(STEP, problem, site)
    for page in sorted(site.rglob("*.html")):
        check_references(site, page)
    for file in sorted(site.rglob("*")):
        check_compressed_copies(file)
    check_offline_copy(site)


def check_references(site: Path, page: Path) -> None:
    """Every same-site address the page names is a file of the site (pages by their clean URL)."""
    text = page.read_text("utf-8")
    addresses = LOCAL_REFERENCE.findall(text)
    addresses += [module for listed in MODULE_LIST.findall(text) for module in json.loads(html.unescape(listed))]
    addresses += [module for listed in START_LIST.findall(text) for module in html.unescape(listed).split()]
    addresses += preview_images(text)
    for address in addresses:
        target = site / address.lstrip("/")
        if not (address == "/" or target.is_file() or target.with_name(target.name + ".html").is_file()):
            raise BuildError(STEP, f"refers to {address}, which the site does not have", page)


def preview_images(page: str) -> list[str]:
    """The paths of the images a page names for link previews (its `og:image` and `twitter:image`)."""
    tags = [tag for tag in META_TAG.findall(page) if any(key in tag for key in PREVIEW_IMAGE_KEYS)]
    contents = [META_CONTENT.search(tag) for tag in tags]
    return [urlsplit(html.unescape(found.group(1))).path for found in contents if found]


def check_offline_copy(site: Path) -> None:
    """Every file the service worker keeps offline is in the folder, with the digest it lists."""
    for address, digest in listed_in_service_worker(site)["files"].items():
        file = site / (address.lstrip("/") or "index.html")
        file = file if file.is_file() else file.with_name(file.name + ".html")
        if not file.is_file() or hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            raise BuildError(STEP, f"the service worker lists {address}, which the folder lacks or holds changed", site)


def check_compressed_copies(file: Path) -> None:
    """A compressible file has .gz and .br copies of exactly its bytes; a copy has its original."""
    if file.suffix in SIDECARS:
        if not file.with_suffix("").is_file():
            raise BuildError(STEP, "a compressed copy without its original", file)
        return
    if not file.is_file() or not COMPRESSIBLE.search(file.name):
        return
    if file.stat().st_size < MIN_COMPRESSED_SIZE and file.suffix != ".html":
        return
    for suffix, decompress in SIDECARS.items():
        copy = file.with_name(file.name + suffix)
        if not copy.is_file() or decompress(copy.read_bytes()) != file.read_bytes():
            raise BuildError(STEP, f"its {suffix} copy is missing or differs", file)


def replace(out_dir: Path, staging: Path) -> None:
    """Put the finished folder in place of the previous export (and of nothing else)."""
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / CADDY_FILE).is_file():
            raise BuildError(STEP, "refusing to replace a folder that is not an earlier export", out_dir)
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
