"""Specification of the rewrites of prerendered pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ketaguide_app.build_plugin import route_of
from ketaguide_app.page_html import start_app_after_load, with_early_scroll_to, with_structured_data, without_scripts

PAGE = (
    '<html><head><link rel="modulepreload" href="/assets/entry.js"/>'
    '<link rel="modulepreload" href="/assets/root.js"/><link href="/assets/site.css" rel="stylesheet"/></head>'
    "<body><main>Text</main><script>window.__context = {};</script>"
    '<script type="module" async="">import "/assets/root.js";\nimport("/assets/entry.js");</script>'
    '<script type="application/ld+json">{"a": "</b>"}</script></body></html>'
)


def test_javascript_is_fetched_only_after_the_page_has_loaded() -> None:
    page = start_app_after_load(PAGE)
    assert 'modulepreload" href' not in page
    assert '<script type="module"' not in page
    assert 'addEventListener("load", start, {once: true})' in page
    assert "\n" not in page[page.index("data-modules") :]
    assert """data-modules='["/assets/entry.js","/assets/root.js"]'>""" in page
    code = re.search(r"app.textContent = (.*?);document", page)
    assert code is not None
    assert json.loads(code.group(1)) == 'import "/assets/root.js";\nimport("/assets/entry.js");'


def test_other_scripts_and_the_stylesheet_stay_as_they_are() -> None:
    page = start_app_after_load(PAGE)
    assert "<script>window.__context = {};</script>" in page
    assert '<script type="application/ld+json">{"a": "</b>"}</script>' in page
    assert '<link href="/assets/site.css" rel="stylesheet"/>' in page


def test_the_not_found_page_is_plain_html() -> None:
    page = without_scripts(PAGE)
    assert "<script" not in page
    assert "modulepreload" not in page
    assert "<main>Text</main>" in page


def test_structured_data_goes_at_the_end_of_the_head_and_cannot_close_its_script() -> None:
    page = with_structured_data(PAGE, '{"name": "</script><b>"}')
    assert '<script type="application/ld+json">{"name": "\\u003c/script>\\u003cb>"}</script></head>' in page


def test_each_prerendered_file_maps_to_the_address_it_is_served_at(tmp_path: Path) -> None:
    assert route_of(tmp_path / "index.html", tmp_path) == "/"
    assert route_of(tmp_path / "topics" / "nmda-receptors" / "index.html", tmp_path) == "/topics/nmda-receptors"
    assert route_of(tmp_path / "topics" / "nmda-receptors.html", tmp_path) == "/topics/nmda-receptors"


def test_a_topic_page_scrolls_to_its_topic_as_soon_as_it_is_parsed() -> None:
    page = with_early_scroll_to(PAGE, "topic-nmda-receptors-heading")
    script = page[page.index("<script>(() => { const e") : page.index("</body>")]
    assert 'getElementById("topic-nmda-receptors-heading")' in script
    assert "!scrollY" in script
    assert page.endswith("</script></body></html>")
