"""Specification of the build steps that finish each prerendered page, run on real pages from this Reflex version."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ketaguide_app.browser import APP_STARTED
from ketaguide_app.build_checks import BuildError
from ketaguide_app.headers import ContentSecurityPolicy, source_hash
from ketaguide_app.reflex_plugin.csp import inline_code, meta_policy, with_csp_meta
from ketaguide_app.reflex_plugin.deferred_start import LOADER, start_after_load
from ketaguide_app.reflex_plugin.early_scroll import SCROLL, with_early_scroll_to
from ketaguide_app.reflex_plugin.plugin import apply
from ketaguide_app.reflex_plugin.static_page import without_scripts
from ketaguide_app.reflex_plugin.structured_data import with_structured_data

PRERENDERED = Path(__file__).resolve().parents[1] / "fixtures" / "prerendered"
TOPIC_PAGE = (PRERENDERED / "topic-page.html").read_text(encoding="utf-8")
NOT_FOUND_PAGE = (PRERENDERED / "not-found-page.html").read_text(encoding="utf-8")
MODULE_PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]+)"/>')


def test_javascript_waits_for_the_load_event_and_starts_from_a_hashed_file() -> None:
    preloads = MODULE_PRELOAD.findall(TOPIC_PAGE)
    page, module = start_after_load(TOPIC_PAGE)
    assert MODULE_PRELOAD.search(page) is None
    assert '<script type="module"' not in page
    assert 'addEventListener("load", run, {once: true})' in LOADER
    loader = re.search(r'<script data-modules="([^"]+)" data-start="([^"]+)" data-after="">', page)
    assert loader is not None
    assert json.loads(loader.group(1).replace("&quot;", '"')) == preloads
    assert loader.group(2) == module.path
    assert re.fullmatch(r"/assets/start-[0-9a-f]{10}\.js", module.path)
    assert module.code.startswith('import "/assets/manifest-')
    assert "window.__reactRouterRouteModules" in module.code


def test_every_page_gets_the_same_inline_loader_and_scroll_script() -> None:
    other = TOPIC_PAGE.replace("nmda-receptors", "glutamate-pathways")
    pages = [
        with_early_scroll_to(start_after_load(page)[0], f"topic-{slug}-heading")
        for page, slug in ((TOPIC_PAGE, "nmda-receptors"), (other, "glutamate-pathways"))
    ]
    scripts = [inline_code(page)[0] for page in pages]
    assert scripts[0] == scripts[1]
    assert {LOADER, SCROLL} <= scripts[0]
    assert start_after_load(TOPIC_PAGE)[1].path != start_after_load(other)[1].path


def test_the_start_step_stops_the_build_when_the_page_is_not_what_it_knows() -> None:
    start = re.search(r'<script type="module"[^>]*>.*?</script>', TOPIC_PAGE, re.DOTALL)
    assert start is not None
    with pytest.raises(BuildError, match=r"deferred start.*expected 1 inline module scripts.*found 0"):
        start_after_load(TOPIC_PAGE.replace(start.group(0), ""))
    with pytest.raises(BuildError, match="found 2"):
        start_after_load(TOPIC_PAGE.replace(start.group(0), start.group(0) * 2))
    with pytest.raises(BuildError, match="expected 1 or more"):
        start_after_load(MODULE_PRELOAD.sub("", TOPIC_PAGE))
    single_quoted = TOPIC_PAGE.replace('rel="modulepreload" href="', 'rel="modulepreload" href=\'', 1)
    with pytest.raises(BuildError, match="double-quoted"):
        start_after_load(single_quoted)


def test_structured_data_ends_the_head_and_cannot_close_its_script() -> None:
    page = with_structured_data(TOPIC_PAGE, '{"name": "</script><b>"}')
    assert '<script type="application/ld+json">{"name": "\\u003c/script>\\u003cb>"}</script></head>' in page
    with pytest.raises(BuildError, match=r"structured data.*'</head>'.*found 0"):
        with_structured_data(TOPIC_PAGE.replace("</head>", ""), "{}")


def test_a_topic_page_names_its_topic_in_data_not_code() -> None:
    page = with_early_scroll_to(TOPIC_PAGE, 'topic-"><b>-heading')
    assert f'<script data-scroll-to="topic-&quot;&gt;&lt;b&gt;-heading">{SCROLL}</script></body>' in page
    with pytest.raises(BuildError, match=r"early scroll.*found 2"):
        with_early_scroll_to(TOPIC_PAGE + "</body>", "x")


def test_the_not_found_page_is_plain_html() -> None:
    page = without_scripts(NOT_FOUND_PAGE)
    assert "<script" not in page
    assert "modulepreload" not in page
    assert "<h1>Page not found</h1>" in page
    with pytest.raises(BuildError, match=r"static page.*1 or more"):
        without_scripts(page)


def test_the_policy_allows_each_inline_script_and_style_by_hash_and_nothing_else() -> None:
    page = '<head><script>a()</script><script src="/x.js"></script><script type="application/ld+json">{}</script>'
    page += "<noscript><style>.x{}</style></noscript></head>"
    scripts, styles = inline_code(page)
    assert scripts == {"a()"}
    assert styles == {".x{}"}
    csp = ContentSecurityPolicy.for_inline(scripts, styles)
    assert f"script-src 'self' {source_hash('a()')};" in csp.header()
    assert f"style-src 'self' {source_hash('.x{}')};" in csp.header()


@pytest.mark.parametrize(
    "markup", ['<p style="color:red">', '<img src="/x.png" onerror="alert(1)">', '<a href=" JavaScript:alert(1)">']
)
def test_markup_the_policy_would_block_stops_the_build(markup: str) -> None:
    with pytest.raises(BuildError, match="'content security policy': inline code a hash cannot allow"):
        inline_code(TOPIC_PAGE.replace("<main", markup + "<main", 1))


def test_the_policy_is_stated_before_any_script() -> None:
    csp = ContentSecurityPolicy.for_inline(*inline_code(TOPIC_PAGE))
    page = with_csp_meta(TOPIC_PAGE, csp)
    assert page.index('http-equiv="Content-Security-Policy"') < page.index("<script")
    assert meta_policy(page) == csp.meta()
    assert "frame-ancestors" not in csp.meta()
    assert "frame-ancestors 'none'" in csp.header()
    with pytest.raises(BuildError, match="content security policy"):
        with_csp_meta(TOPIC_PAGE.replace('<meta charSet="utf-8"/>', ""), csp)


def test_a_failing_step_names_the_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html></html>", encoding="utf-8")
    with pytest.raises(BuildError, match=f"build step 'static page' on {page}: expected 1 or more"):
        apply(page, without_scripts)


def test_the_sites_own_modules_start_once_the_app_has_started() -> None:
    page, module = start_after_load(TOPIC_PAGE, also=("/assets/offline-0123456789.js", "/assets/reading-0123.js"))
    assert f'data-start="{module.path}" data-after="/assets/offline-0123456789.js /assets/reading-0123.js"' in page
    assert f'document.addEventListener("{APP_STARTED}", () => after.split(" ")' in LOADER
