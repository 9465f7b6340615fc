"""Specification of the rewrites of prerendered pages."""

from __future__ import annotations

import json
import re

from ketaguide_app.page_html import start_app_after_load, without_scripts

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
    assert 'data-modules="[&quot;/assets/entry.js&quot;, &quot;/assets/root.js&quot;]"' in page
    code = re.search(r"app.textContent = (.*?);\n", page)
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
