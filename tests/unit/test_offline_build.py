"""Specification of the offline copy's build step: icons from one image, the manifest, the service worker's list."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import struct
import urllib.parse
from pathlib import Path

import brotli
import pytest
from PIL import Image

from ketaguide_app.build_checks import BuildError
from ketaguide_app.content import load_guide
from ketaguide_app.export.site import check_offline_copy
from ketaguide_app.icon import ICON_SOURCE, icon_address
from ketaguide_app.offline import build as offline
from ketaguide_app.paths import NOT_FOUND_ADDRESS, topic_path
from ketaguide_app.reflex_plugin.deferred_start import LOADER
from ketaguide_app.reflex_plugin.facts import AppIdentity
from ketaguide_app.reflex_plugin.modules import write_browser_code
from tests.fixture_guides import FULL_GUIDE

GUIDE = load_guide(FULL_GUIDE)
APP = AppIdentity(name=GUIDE.title, short_name="KetaGuide", description=GUIDE.description)
PAGES = ["/", *(topic_path(topic.slug) for topic in GUIDE.topics)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_every_icon_is_drawn_from_the_one_source_at_its_size(tmp_path: Path) -> None:
    entries = offline.write_icons(tmp_path)
    assert [(entry["sizes"], entry["purpose"]) for entry in entries] == [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ]
    for entry in entries:
        width = int(entry["sizes"].split("x")[0])
        assert png_size((tmp_path / entry["src"].lstrip("/")).read_bytes()) == (width, width)


def test_the_maskable_icon_keeps_the_picture_in_the_safe_zone() -> None:
    drawing = offline.maskable(ICON_SOURCE.read_text(encoding="utf-8"))
    assert 'transform="translate(6.4 6.4) scale(0.8)"' in drawing
    assert '<rect width="64" height="64" fill="#0b57a4"/>' in drawing
    with pytest.raises(BuildError, match="viewBox"):
        offline.maskable('<svg viewBox="0 0 10 10"></svg>')


def test_a_source_image_that_cannot_be_drawn_stops_the_build(tmp_path: Path) -> None:
    broken = tmp_path / "icon.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("cannot draw /icon-192.png")):
        offline.write_icons(tmp_path, broken)


def test_the_manifest_makes_the_whole_site_an_installable_app() -> None:
    manifest = offline.manifest(APP, [{"src": "/icon-192.png"}])
    assert (manifest["name"], manifest["short_name"]) == (GUIDE.title, "KetaGuide")
    assert manifest["description"] == GUIDE.description
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    assert manifest["lang"] == "en"
    assert manifest["theme_color"] == "#0b57a4"
    assert manifest["background_color"] == "#ffffff"


def site_folder(tmp_path: Path) -> Path:
    """A small folder with every file the offline copy needs, as the build leaves it."""
    site = tmp_path / "site"
    (site / "topics").mkdir(parents=True)
    (site / "assets").mkdir()
    for page in ["index.html", "404.html", *(f"topics/{topic.slug}.html" for topic in GUIDE.topics)]:
        (site / page).write_text(f"<p>{page}</p>", encoding="utf-8")
    (site / "assets" / "app-1.js").write_text("app();", encoding="utf-8")
    (site / "favicon.svg").write_text(ICON_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    offline.write_manifest(site, APP)
    return site


def test_the_service_worker_lists_every_page_and_file_with_its_digest(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    offline.write_service_worker(site, PAGES)
    listed = offline.listed_in_service_worker(site)
    files = listed["files"]
    assert set(files) == {
        "/",
        "/404",
        *(f"/topics/{topic.slug}" for topic in GUIDE.topics),
        "/assets/app-1.js",
        "/manifest.json",
        "/favicon.svg",
        "/icon-192.png",
        "/icon-512.png",
        "/icon-maskable-512.png",
    }
    assert files["/assets/app-1.js"] == hashlib.sha256(b"app();").hexdigest()
    check_offline_copy(site)
    (site / "assets" / "app-1.js").write_text("changed();", encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("lists /assets/app-1.js, which the folder lacks or holds changed")):
        check_offline_copy(site)


def test_a_new_build_is_a_new_version_and_an_unchanged_one_is_not(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    first = offline.precache_list(offline.precached_files(site, PAGES))
    assert offline.precache_list(offline.precached_files(site, PAGES))["version"] == first["version"]
    (site / "index.html").write_text("<p>new</p>", encoding="utf-8")
    assert offline.precache_list(offline.precached_files(site, PAGES))["version"] != first["version"]


def test_a_missing_file_to_keep_offline_stops_the_build(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    (site / "404.html").unlink()
    with pytest.raises(BuildError, match=re.escape("files to keep offline are missing: /404")):
        offline.write_service_worker(site, PAGES)


def test_a_service_worker_without_its_placeholder_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "worker.js"
    source.write_text("const PRECACHE = {};", encoding="utf-8")
    monkeypatch.setattr(offline, "SERVICE_WORKER", source)
    with pytest.raises(BuildError, match=r"offline copy.*expected 1"):
        offline.write_service_worker(site_folder(tmp_path), PAGES)


def test_retiring_replaces_the_worker_and_its_compressed_copies(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    offline.write_service_worker(site, PAGES)
    offline.retire_service_worker(site)
    retiring = offline.RETIRING_WORKER.read_bytes()
    assert (site / "sw.js").read_bytes() == retiring
    assert gzip.decompress((site / "sw.js.gz").read_bytes()) == retiring
    assert brotli.decompress((site / "sw.js.br").read_bytes()) == retiring
    shutil.rmtree(site)
    with pytest.raises(BuildError, match="no service worker to retire"):
        offline.retire_service_worker(site)


def test_the_page_script_and_each_page_module_are_named_after_their_content(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    code = write_browser_code(tmp_path, "/assets/search-0123456789.json", LOADER)
    names = [path.split("/")[-1].split("-")[0] for path in (code.script, *code.modules)]
    assert names == ["page", "offline", "reading"]
    assert "/assets/search-0123456789.json" in (tmp_path / code.script.lstrip("/")).read_text(encoding="utf-8")
    assert 0 < len(code.loader) < len(LOADER)
    for path in (code.script, *code.modules):
        written = (tmp_path / path.lstrip("/")).read_bytes()
        assert path.endswith(f"-{hashlib.sha256(written).hexdigest()[:10]}.js")


def test_the_worker_answers_offline_with_the_404_page_it_keeps() -> None:
    """Cloudflare Pages answers /404.html with 308 to /404; a worker refuses a redirected answer, so it keeps /404."""
    code = offline.SERVICE_WORKER.read_text(encoding="utf-8")
    assert f'const NOT_FOUND_PAGE = "{NOT_FOUND_ADDRESS}";' in code
    assert NOT_FOUND_ADDRESS == "/404"


def test_the_icon_is_named_in_the_page_as_a_data_address_of_the_same_picture() -> None:
    address = icon_address()
    assert address.startswith("data:image/svg+xml,%3Csvg ")
    assert not set('"#<> \n') & set(address.removeprefix("data:image/svg+xml,").replace(" ", ""))
    assert urllib.parse.unquote(address.removeprefix("data:image/svg+xml,")) == ICON_SOURCE.read_text(
        encoding="utf-8"
    ).strip().replace('"', "'")


def test_the_icons_get_a_palette_and_stay_the_size_they_were_drawn(tmp_path: Path) -> None:
    for entry in offline.write_icons(tmp_path):
        with Image.open(tmp_path / entry["src"].lstrip("/")) as icon:
            assert icon.mode == "P"
            assert f"{icon.width}x{icon.height}" == entry["sizes"]
