"""Specification of `make export`: one folder that is the whole site, checked before it is handed over."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path

import brotli
import pytest

from ketaguide_app.browser import browser_code
from ketaguide_app.build_checks import BuildError
from ketaguide_app.export.header_rules import RULE_FILES
from ketaguide_app.export.site import NO_JEKYLL, check_complete, replace
from ketaguide_app.offline.build import listed_in_service_worker
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.search_documents import search_documents
from tests.exported import PUBLIC_BASE_URL
from tests.fixture_guides import GUIDE
from tests.prerendered import KEPT, fixture, normalized

DOCUMENTS = [dataclasses.asdict(document) for document in search_documents(GUIDE)]
PAGES = [HOME_PATH, *(topic_path(topic.slug) for topic in GUIDE.topics)]
FILES = ["index.html", "404.html", "sitemap.xml", "robots.txt", "favicon.ico", "favicon.svg"]


def test_the_folder_holds_every_page_and_file_the_site_serves(exported_site: Path) -> None:
    expected_pages = {"index.html", "404.html"} | {f"topics/{topic.slug}.html" for topic in GUIDE.topics}
    pages = {page.relative_to(exported_site).as_posix() for page in exported_site.rglob("*.html")}
    assert pages == expected_pages
    for name in (*FILES, *RULE_FILES, NO_JEKYLL):
        assert (exported_site / name).is_file(), name
    assert not list(exported_site.rglob("index.html"))[1:], "one file per page, no folders of index.html"
    assert not (exported_site / "__spa-fallback.html").exists()
    assert not (exported_site / "not-found.html").exists()


def test_every_page_script_and_stylesheet_has_compressed_copies_of_itself(exported_site: Path) -> None:
    files = [*exported_site.rglob("*.html"), *exported_site.rglob("*.js"), *exported_site.rglob("*.css")]
    assert len(files) > 20
    for file in files:
        if file.suffix == ".html" or file.stat().st_size >= 256:
            assert gzip.decompress(file.with_name(file.name + ".gz").read_bytes()) == file.read_bytes(), file
            assert brotli.decompress(file.with_name(file.name + ".br").read_bytes()) == file.read_bytes(), file


@pytest.fixture
def copy_of_export(exported_site: Path, tmp_path: Path) -> Path:
    """A copy of the exported folder to break one thing in."""
    return Path(shutil.copytree(exported_site, tmp_path / "site"))


def test_a_missing_or_wrong_compressed_copy_stops_the_export(copy_of_export: Path) -> None:
    page = copy_of_export / "topics" / f"{GUIDE.topics[0].slug}.html"
    page.with_name(page.name + ".br").write_bytes(brotli.compress(b"stale"))
    with pytest.raises(BuildError, match=re.escape(f"on {page}: its .br copy is missing or differs")):
        check_complete(copy_of_export, PAGES)


def test_a_page_naming_a_file_the_site_lacks_stops_the_export(copy_of_export: Path) -> None:
    home = (copy_of_export / "index.html").read_text("utf-8")
    # Each page names its own start module (the folder also holds one that no page names): take the home page's.
    start_module = next(m for m in copy_of_export.glob("assets/start-*.js") if f"/assets/{m.name}" in home)
    for file in copy_of_export.glob(f"assets/{start_module.name}*"):  # with its compressed copies
        file.unlink()
    with pytest.raises(BuildError, match=re.escape(f"refers to /assets/{start_module.name}")):
        check_complete(copy_of_export, PAGES)


def test_a_page_naming_a_preview_image_the_site_lacks_stops_the_export(copy_of_export: Path) -> None:
    topic = GUIDE.topics[0]
    page = copy_of_export / "topics" / f"{topic.slug}.html"
    card = next(copy_of_export.glob(f"assets/cards/{topic.slug}-*.png"))
    named = f'content="{PUBLIC_BASE_URL}/assets/cards/{card.name}" property="og:image"'
    assert named in page.read_text("utf-8")
    card.unlink()
    with pytest.raises(BuildError, match=re.escape(f"refers to /assets/cards/{card.name}")):
        check_complete(copy_of_export, PAGES)


def test_a_page_the_guide_does_not_have_stops_the_export(copy_of_export: Path) -> None:
    shutil.copy(copy_of_export / "index.html", copy_of_export / "topics" / "stray.html")
    with pytest.raises(BuildError, match=re.escape("pages differ from the guide: extra {'topics/stray.html'}")):
        check_complete(copy_of_export, PAGES)


def test_the_export_replaces_an_earlier_export_and_nothing_else(copy_of_export: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildError, match="refusing to replace a folder that is not an earlier export"):
        replace(precious, copy_of_export)
    assert (precious / "notes.txt").exists()
    earlier = tmp_path / "earlier"
    shutil.copytree(copy_of_export, earlier)
    (earlier / "old.html").write_text("old", encoding="utf-8")
    replace(earlier, copy_of_export)
    assert not (earlier / "old.html").exists()
    assert (earlier / "index.html").is_file()


@pytest.mark.parametrize("relative", KEPT)
def test_the_prerendered_fixtures_are_what_this_build_prerenders(prerendered: Path, relative: str) -> None:
    """The build steps' unit tests run on these files; when the build changes them, `make fixtures` writes them."""
    fresh = (prerendered / relative).read_text(encoding="utf-8")
    assert normalized(fixture(relative)) == normalized(fresh), f"tests/fixtures/prerendered/{relative} is stale"


def test_the_search_index_is_exported_once_named_by_its_content_and_kept_offline(exported_site: Path) -> None:
    indexes = sorted((exported_site / "assets").glob("search-*.json"))
    assert len(indexes) == 1
    index = indexes[0]
    assert json.loads(index.read_text(encoding="utf-8")) == {"documents": DOCUMENTS}
    assert index.name == f"search-{hashlib.sha256(index.read_bytes()).hexdigest()[:10]}.json"
    assert f"/assets/{index.name}" in listed_in_service_worker(exported_site)["files"]
    scripts = sorted((exported_site / "assets").glob("page-*.js"))
    assert len(scripts) == 1
    assert f"searchIndex:`/assets/{index.name}`" in scripts[0].read_text(encoding="utf-8")


def test_the_sites_own_scripts_are_minified_with_their_licences_kept(exported_site: Path) -> None:
    script = next((exported_site / "assets").glob("page-*.js")).read_text(encoding="utf-8")
    assert "stemmer 2.0.1" in script
    assert "Permission is hereby granted" in script
    assert "/** " not in script, "comments other than licences are gone"
    assert len(script) < len(browser_code(listening=True)) * 0.6
    for name in ("offline", "reading"):
        module = next((exported_site / "assets").glob(f"{name}-*.js")).read_text(encoding="utf-8")
        assert "/**" not in module
