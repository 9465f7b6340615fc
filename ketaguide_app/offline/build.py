"""Build step: the offline copy: page module, web app manifest, icons from one image, and the service worker.

The service worker carries the list of every page and file of this build with the digest of each.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path
from typing import TypedDict

import brotli
import resvg_py
from PIL import Image

from ketaguide_app.build_checks import BuildError, replace_once
from ketaguide_app.icon import ICON_SOURCE
from ketaguide_app.paths import HOME_PATH, MANIFEST_PATH, NOT_FOUND_ADDRESS, WORKER_PATH
from ketaguide_app.reflex_plugin.facts import AppIdentity
from ketaguide_app.styles import BACKGROUND_COLOR, THEME_COLORS
from ketaguide_app.wording import LANGUAGE

STEP = "offline copy"
SOURCES = Path(__file__).resolve().parents[1] / "js"
SERVICE_WORKER = SOURCES / "service-worker.js"
RETIRING_WORKER = SOURCES / "retire-service-worker.js"
PRECACHE_LINE = 'const PRECACHE = { version: "unbuilt", files: {} }; // replaced by the build'
# (address, pixels, purpose): Chromium installs an app with a 192 and a 512 px icon; a maskable one fills the
# shapes Android cuts icons to, its picture kept inside the central 80 % safe zone.
ICONS = (("/icon-192.png", 192, "any"), ("/icon-512.png", 512, "any"), ("/icon-maskable-512.png", 512, "maskable"))
MASKABLE_SAFE_ZONE = 0.8
PALETTE_COLOURS = 256


def write_icons(site: Path, source: Path = ICON_SOURCE) -> list[dict[str, str]]:
    """Draw every icon from the one source image; return their manifest entries."""
    svg = source.read_text(encoding="utf-8")
    entries = []
    for path, pixels, purpose in ICONS:
        drawing = maskable(svg) if purpose == "maskable" else svg
        try:
            png = resvg_py.svg_to_bytes(svg_string=drawing, width=pixels, height=pixels, skip_system_fonts=True)
        except ValueError as error:
            raise BuildError(STEP, f"cannot draw {path} from {source}: {error}") from None
        (site / path.lstrip("/")).write_bytes(with_palette(bytes(png)))
        entries.append({"src": path, "sizes": f"{pixels}x{pixels}", "type": "image/png", "purpose": purpose})
    return entries


def with_palette(png: bytes) -> bytes:
    """The PNG with a palette of 256 colours (its two colours and their smoothed edges), about half the bytes."""
    with Image.open(io.BytesIO(png)) as drawn:
        quantized = drawn.quantize(colors=PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE)
        out = io.BytesIO()
        quantized.save(out, "PNG", optimize=True)
        size = drawn.size
    if Image.open(out).size != size or out.tell() >= len(png):
        raise BuildError(STEP, f"an icon with a palette is not a smaller picture of the same size ({size})")
    return out.getvalue()


def maskable(svg: str) -> str:
    """The source drawing shrunk into the safe zone, on a full-bleed background of the theme colour."""
    if not svg.lstrip().startswith("<svg") or 'viewBox="0 0 64 64"' not in svg:
        raise BuildError(STEP, 'the icon source must be an <svg> with viewBox="0 0 64 64"')
    inner = svg.split(">", 1)[1].rsplit("</svg>", 1)[0]
    margin = round(64 * (1 - MASKABLE_SAFE_ZONE) / 2, 3)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" '
        f'fill="{THEME_COLORS["light"]}"/><g transform="translate({margin} {margin}) scale({MASKABLE_SAFE_ZONE})">'
        f"{inner}</g></svg>"
    )


def manifest(app: AppIdentity, icons: list[dict[str, str]]) -> dict[str, object]:
    """The web app manifest: installable, standalone, the whole site in scope."""
    return {
        "id": HOME_PATH,
        "name": app.name,
        "short_name": app.short_name,
        "description": app.description,
        "lang": LANGUAGE,
        "dir": "ltr",
        "start_url": HOME_PATH,
        "scope": HOME_PATH,
        "display": "standalone",
        "theme_color": THEME_COLORS["light"],
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }


def write_manifest(site: Path, app: AppIdentity) -> None:
    """Draw the icons and write the manifest."""
    text = json.dumps(manifest(app, write_icons(site)), ensure_ascii=False, indent=1)
    (site / MANIFEST_PATH.lstrip("/")).write_text(text + "\n", encoding="utf-8")


def precached_files(site: Path, pages: list[str]) -> dict[str, Path]:
    """What a reader's device keeps: every page by its address, the 404 page, the scripts, the styles, the search index.

    Also the manifest and the icons, but not the link-preview cards, which only chat apps fetch. Each is kept
    under an address every promised host answers 200 without a redirect: the worker refuses a redirected answer.
    """
    kept = {address: site / page_file(address) for address in [*pages, NOT_FOUND_ADDRESS]}
    files = [MANIFEST_PATH, "/favicon.svg", *(path for path, _, _ in ICONS)]
    assets = sorted(path for path in (site / "assets").iterdir() if path.suffix in {".js", ".css", ".json"})
    precached = kept | {path: site / path.lstrip("/") for path in files}
    precached |= {"/" + path.relative_to(site).as_posix(): path for path in assets}
    missing = [path for path, file in precached.items() if not file.is_file()]
    if missing:
        raise BuildError(STEP, f"files to keep offline are missing: {', '.join(missing)}", site)
    return precached


class PrecacheList(TypedDict):
    """What the service worker keeps: a version named after its files, and each file's address and SHA-256."""

    version: str
    files: dict[str, str]


def precache_list(files: dict[str, Path]) -> PrecacheList:
    """Each address with the SHA-256 of its file, and a version named after all of them."""
    digests = {path: hashlib.sha256(file.read_bytes()).hexdigest() for path, file in sorted(files.items())}
    version = hashlib.sha256(json.dumps(digests, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return PrecacheList(version=version, files=digests)


def page_file(address: str) -> str:
    """The file of the exported folder that a page's address is answered from (`/topics/x` is `topics/x.html`)."""
    if address == HOME_PATH:
        return "index.html"
    return address.lstrip("/") if address.endswith(".html") else address.lstrip("/") + ".html"


def write_service_worker(site: Path, pages: list[str]) -> None:
    """The service worker with this build's precache list (these pages and every file) in place of its placeholder."""
    listed = json.dumps(precache_list(precached_files(site, pages)), separators=(",", ":"))
    code = replace_once(
        STEP,
        SERVICE_WORKER.read_text(encoding="utf-8"),
        PRECACHE_LINE,
        f"const PRECACHE = {listed};",
    )
    (site / WORKER_PATH.lstrip("/")).write_text(code, encoding="utf-8")


def listed_in_service_worker(site: Path) -> PrecacheList:
    """The precache list the service worker of an exported folder carries."""
    code = (site / WORKER_PATH.lstrip("/")).read_text(encoding="utf-8")
    line = next((line for line in code.splitlines() if line.startswith("const PRECACHE = {")), None)
    if line is None:
        raise BuildError(STEP, "the service worker carries no precache list", site / WORKER_PATH.lstrip("/"))
    listed: PrecacheList = json.loads(line.removeprefix("const PRECACHE = ").removesuffix(";"))
    return listed


def retire_service_worker(site: Path) -> None:
    """Put the worker that removes the offline copy from readers' devices in place of an export's own worker.

    Its compressed copies are replaced too, or a server would keep sending the old worker to browsers that
    accept Brotli or gzip.
    """
    worker = site / WORKER_PATH.lstrip("/")
    if not worker.is_file():
        raise BuildError(STEP, "no service worker to retire: is this an exported site folder?", site)
    code = RETIRING_WORKER.read_bytes()
    worker.write_bytes(code)
    (site / f"{worker.name}.gz").write_bytes(gzip.compress(code, 9))
    (site / f"{worker.name}.br").write_bytes(brotli.compress(code))
