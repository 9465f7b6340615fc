"""Specification of the build steps that finish each prerendered page, run on real pages from this Reflex version."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ketaguide_app.build_checks import BuildError
from ketaguide_app.dom import START_FAILED_EVENT, STARTED_EVENT
from ketaguide_app.headers import ContentSecurityPolicy, source_hash
from ketaguide_app.reflex_plugin.app_shell import (
    static_document,
    without_color_mode_script,
    without_dynamic_component_globals,
    without_global_stylesheet,
    without_scroll_restoration,
)
from ketaguide_app.reflex_plugin.csp import inline_code, meta_policy, with_csp_meta
from ketaguide_app.reflex_plugin.deferred_start import LOADER, StartModule
from ketaguide_app.reflex_plugin.deferred_start import start_after_paint as start_step
from ketaguide_app.reflex_plugin.early_scroll import SCROLL, with_early_scroll_to
from ketaguide_app.reflex_plugin.inline_styles import minified, with_inline_styles
from ketaguide_app.reflex_plugin.plugin import apply
from ketaguide_app.reflex_plugin.stateless_bundle import VITE_PLUGIN, check_no_server_state_code, with_stateless_stubs
from ketaguide_app.reflex_plugin.static_page import without_scripts
from ketaguide_app.reflex_plugin.structured_data import with_structured_data
from ketaguide_app.styles import STYLESHEET
from tests.prerendered import fixture

TOPIC_PAGE = fixture("topics/nmda-receptors.html")
NOT_FOUND_PAGE = fixture("not-found.html")
MODULE_PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]+)"/>')
PAGE_SCRIPT = "/assets/page-0123456789.js"


def start_after_paint(page: str, also: tuple[str, ...] = ()) -> tuple[str, StartModule]:
    """The step with the page script every page of the site gets."""
    return start_step(page, script=PAGE_SCRIPT, also=also)


def test_no_script_is_fetched_before_the_first_paint_and_the_app_starts_from_a_hashed_file() -> None:
    preloads = MODULE_PRELOAD.findall(TOPIC_PAGE)
    page, module = start_after_paint(TOPIC_PAGE)
    assert MODULE_PRELOAD.search(page) is None
    assert '<script type="module"' not in page
    assert re.search(r"<script[^>]* src=", page) is None
    loader = re.search(
        r'<script data-script="([^"]+)" data-modules="([^"]+)" data-start="([^"]+)" data-after="">', page
    )
    assert loader is not None
    assert loader.group(1) == PAGE_SCRIPT
    assert json.loads(loader.group(2).replace("&quot;", '"')) == preloads
    assert loader.group(3) == module.path
    assert re.fullmatch(r"/assets/start-[0-9a-f]{10}\.js", module.path)
    assert module.code.startswith('import "/assets/manifest-')
    assert "window.__reactRouterRouteModules" in module.code
    entry = re.search(r'import\("/assets/entry\.client-[\w-]+\.js"\)', module.code)
    assert entry is not None
    failed = f'.catch(() => document.dispatchEvent(new Event("{START_FAILED_EVENT}")));'
    assert module.code.endswith(entry.group(0) + failed), "a failed entry module is reported to the loader"


def test_every_page_gets_the_same_inline_loader_and_scroll_script() -> None:
    other = TOPIC_PAGE.replace("nmda-receptors", "glutamate-pathways")
    pages = [
        with_early_scroll_to(start_after_paint(page)[0], f"topic-{slug}-heading")
        for page, slug in ((TOPIC_PAGE, "nmda-receptors"), (other, "glutamate-pathways"))
    ]
    scripts = [inline_code(page)[0] for page in pages]
    assert scripts[0] == scripts[1]
    assert {LOADER, SCROLL} <= scripts[0]
    assert start_after_paint(TOPIC_PAGE)[1].path != start_after_paint(other)[1].path


def test_the_start_step_stops_the_build_when_the_page_is_not_what_it_knows() -> None:
    start = re.search(r'<script type="module"[^>]*>.*?</script>', TOPIC_PAGE, re.DOTALL)
    assert start is not None
    with pytest.raises(BuildError, match=r"deferred start.*expected 1 inline module scripts.*found 0"):
        start_after_paint(TOPIC_PAGE.replace(start.group(0), ""))
    with pytest.raises(BuildError, match="found 2"):
        start_after_paint(TOPIC_PAGE.replace(start.group(0), start.group(0) * 2))
    with pytest.raises(BuildError, match="expected 1 or more"):
        start_after_paint(MODULE_PRELOAD.sub("", TOPIC_PAGE))
    with pytest.raises(BuildError, match=r"expected 1 matches of .*import.*found 0"):
        start_after_paint(TOPIC_PAGE.replace('import("/assets/entry.client', 'import(window.entry || "/assets/entry'))
    single_quoted = TOPIC_PAGE.replace('rel="modulepreload" href="', 'rel="modulepreload" href=\'', 1)
    with pytest.raises(BuildError, match="double-quoted"):
        start_after_paint(single_quoted)


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
    page, module = start_after_paint(TOPIC_PAGE, also=("/assets/offline-0123456789.js", "/assets/reading-0123.js"))
    assert f'data-start="{module.path}" data-after="/assets/offline-0123456789.js /assets/reading-0123.js"' in page
    assert f'document.addEventListener("{STARTED_EVENT}", () => after.split(" ")' in LOADER


def test_vite_resolves_reflexs_server_state_modules_to_the_sites_own() -> None:
    config = with_stateless_stubs(fixture("vite.config.js"))
    assert f"import ketaguideStatelessModules from {str(VITE_PLUGIN)!r};" in config
    assert "plugins: [\n    ketaguideStatelessModules(),\n    alwaysUseReactDomServerNode()," in config
    with pytest.raises(BuildError, match=r"stateless bundle.*found 0"):
        with_stateless_stubs(fixture("vite.config.js").replace("alwaysUseReactDomServerNode(),", ""))


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("e.transports=['polling'];var EIO=4,u='engine.io';", "socket.io client"),
        ("throw TypeError(`option maxAge is invalid: ${e}`)", "cookie library"),
        ("a.onabort=()=>n(Error(`Upload aborted`))", "upload helper"),
        ("if(e.name===`state_mismatch`)", "event queue"),
        ("var x=`__EMOTION_TYPE_PLEASE_DO_NOT_USE__`", "emotion"),
    ],
)
def test_a_script_holding_server_state_code_stops_the_build_naming_the_module(
    tmp_path: Path, code: str, module: str
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "clean.js").write_text("export const a = 1;", encoding="utf-8")
    check_no_server_state_code(tmp_path)
    (tmp_path / "assets" / "chunk.js").write_text(code, encoding="utf-8")
    with pytest.raises(BuildError, match=f"the {module}.*a stateless site never runs it") as raised:
        check_no_server_state_code(tmp_path)
    assert raised.value.file == tmp_path / "assets" / "chunk.js"


def test_the_root_no_longer_publishes_reflexs_modules_for_server_sent_components() -> None:
    original = fixture("app/root.jsx")
    assert "window.__reflex = {" in original
    root = without_dynamic_component_globals(original)
    assert "window.__reflex" not in root
    assert "import * as" not in root
    assert "export function Layout" in root
    with pytest.raises(BuildError, match="app shell"):
        without_dynamic_component_globals(root)


def test_the_document_links_no_stylesheet() -> None:
    document = without_global_stylesheet(fixture("app/_document.js"))
    assert "reflexGlobalStyles" not in document
    assert "jsx(Links,{},)" in document
    with pytest.raises(BuildError, match="app shell"):
        without_global_stylesheet(document)


def test_the_document_runs_no_colour_mode_script_before_the_first_paint() -> None:
    original = fixture("app/_document.js")
    assert 'localStorage.getItem(\\"theme\\")' in original
    document = static_document(original)
    assert "localStorage" not in document
    assert "Only run in browser environment" not in document
    assert 'jsx("head",{},jsx("noscript",{}' in document
    assert "jsx(Scripts,{},)))" in document
    with pytest.raises(BuildError, match="app shell"):
        without_color_mode_script(document)


def test_the_document_leaves_scroll_restoration_to_the_browser() -> None:
    original = fixture("app/_document.js")
    assert "jsx(ScrollRestoration,{},),jsx(Scripts,{},)" in original
    document = without_scroll_restoration(original)
    assert "ScrollRestoration" not in document
    assert document.startswith('import {Links,Meta,Scripts} from "react-router"\n')
    assert 'jsx("body",{},children,jsx(Scripts,{},))' in document
    with pytest.raises(BuildError, match="app shell"):
        without_scroll_restoration(document)


def test_the_stylesheet_is_inlined_without_its_comments_and_nothing_links_one() -> None:
    css = minified("/* the site */\n:root{--a:1}\n/* dark */\n@media (x){a{b:c}}\n")
    assert css == ":root{--a:1}@media (x){a{b:c}}"
    page = with_inline_styles("<html><head></head><body></body></html>", css)
    assert page == f"<html><head><style>{css}</style></head><body></body></html>"
    with pytest.raises(BuildError, match="still links a stylesheet"):
        with_inline_styles('<head><link rel="stylesheet" href="/x.css"/></head>', css)
    with pytest.raises(BuildError, match="would end its <style> element"):
        minified("a{content:'</style>'}")
    assert "/*" not in minified(STYLESHEET.read_text(encoding="utf-8"))


def test_the_manifest_a_browser_follows_by_itself_waits_in_a_noscript_for_the_first_paint() -> None:
    page, _ = start_after_paint(TOPIC_PAGE)
    head = page[: page.index("</head>")]
    held = re.findall(r'<noscript data-after-paint="">(.*?)</noscript>', head)
    assert held == ['<link href="/manifest.json" rel="manifest"/>']
    assert re.findall(r'<link[^>]*rel="manifest"', re.sub(r"<noscript.*?</noscript>", "", head)) == []
    assert 'document.querySelectorAll("noscript[data-after-paint]")' in LOADER
    without = TOPIC_PAGE.replace('<link href="/manifest.json" rel="manifest"/>', "")
    with pytest.raises(BuildError, match=r"deferred start.*one head link of each rel.*found \[\]"):
        start_after_paint(without)
