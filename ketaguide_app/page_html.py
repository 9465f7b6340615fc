"""Rewrites of the prerendered HTML: add structured data, start the app after load, or drop its scripts."""

from __future__ import annotations

import html
import json
import re

MODULE_PRELOAD = re.compile(r"<link\b[^>]*\brel=\"modulepreload\"[^>]*/?>")
PRELOAD_HREF = re.compile(r"\bhref=\"([^\"]+)\"")
APP_START = re.compile(r"<script type=\"module\"[^>]*>(.*?)</script>", re.DOTALL)
ANY_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)

# Runs the router's start-up module once the page has loaded, so the text paints before any JavaScript
# is fetched; until then the prerendered page reads, and its native disclosure widgets work, on their own.
START_AFTER_LOAD = """<script data-modules='{modules}'>(() => {{
  const modules = JSON.parse(document.currentScript.dataset.modules);
  const start = () => {{
    for (const href of modules) {{
      const preload = document.createElement("link");
      preload.rel = "modulepreload";
      preload.href = href;
      document.head.appendChild(preload);
    }}
    const app = document.createElement("script");
    app.type = "module";
    app.textContent = {code};
    document.body.appendChild(app);
  }};
  if (document.readyState === "complete") start(); else addEventListener("load", start, {{once: true}});
}})();</script>"""


def start_app_after_load(page: str) -> str:
    """The page with its JavaScript fetched and run after the load event instead of up front."""
    modules = [PRELOAD_HREF.search(link).group(1) for link in MODULE_PRELOAD.findall(page)]
    without_preloads = MODULE_PRELOAD.sub("", page)
    return APP_START.sub(lambda start: _deferred(start.group(1), modules), without_preloads, count=1)


def with_structured_data(page: str, json_ld: str) -> str:
    """The page with a JSON-LD script at the end of its head (`<` escaped so no text can end it early)."""
    escaped = json_ld.replace("<", "\\u003c")
    script = f'<script type="application/ld+json">{escaped}</script>'
    return page.replace("</head>", script + "</head>", 1)


def with_early_scroll_to(page: str, element_id: str) -> str:
    """The page scrolled to an element as soon as it is parsed, before any JavaScript arrives.

    It does nothing when the page is already scrolled (a reader who moved, or a restored position).
    """
    scroll = f"const e = document.getElementById({_js(element_id)}); if (e && !scrollY) e.scrollIntoView();"
    script = f"<script>(() => {{ {scroll} }})();</script>"
    return page.replace("</body>", script + "</body>", 1)


def without_scripts(page: str) -> str:
    """The page as plain HTML: no scripts, no preloaded modules."""
    return ANY_SCRIPT.sub("", MODULE_PRELOAD.sub("", page))


def _deferred(code: str, modules: list[str]) -> str:
    """The start-up script, fetching every module in parallel once it runs."""
    listed = html.escape(json.dumps(modules, separators=(",", ":")), quote=False).replace("'", "&#x27;")
    script = START_AFTER_LOAD.format(code=_js(code), modules=listed)
    return "".join(line.strip() for line in script.splitlines())


def _js(value: object) -> str:
    return json.dumps(value).replace("</", "<\\/")
