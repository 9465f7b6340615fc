"""The page's own browser code (ketaguide_app/js: stemmer, search, page, find), once per page, and its handles.

Reflex puts the code into the guide's JavaScript module a single time (`BrowserCode`); components call it by name
through the function Vars below, so nothing of it is copied into the page once per question or topic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import reflex as rx
from reflex_base.vars import VarData
from reflex_base.vars.base import LiteralVar, Var
from reflex_base.vars.function import FunctionStringVar, FunctionVar

from ketaguide_app import dom
from ketaguide_app.paths import HOME_PATH, TOPICS_PREFIX
from ketaguide_app.wording import WORDING

JS = Path(__file__).resolve().parent / "js"
# Loaded in this order into one namespace, `ketaguide`.
BROWSER_CODE = ("stemmer.js", "search.js", "page.js", "find.js")
MAX_QUERY_LENGTH = 100


def browser_settings(search_index: str = "") -> dict[str, Any]:
    """What the browser code reads: addresses (the search index's too), the contract, query length, wording."""
    return {
        "homePath": HOME_PATH,
        "searchIndex": search_index,
        "topicsPrefix": TOPICS_PREFIX,
        "dom": dom.browser_contract(),
        "maxQueryLength": MAX_QUERY_LENGTH,
        "wording": {
            "linkCopied": WORDING.link_copied,
            "linkNotCopied": WORDING.link_not_copied,
            "faqCount": WORDING.faq_count,
            "searchResults": WORDING.search_results,
            "searchOneResult": WORDING.search_one_result,
            "searchNone": WORDING.search_none,
            "searchDidYouMean": WORDING.search_did_you_mean,
            "searchUnavailable": WORDING.search_unavailable,
        },
    }


def browser_code(*, listening: bool = False, search_index: str = "") -> str:
    """The settings, the `ketaguide` namespace and the code, as one script.

    With `listening`, the script also starts listening for keys, clicks, typing in the search and #fragments, and
    keeps those events from the app until it has started (the page script does; the prerender and the tests only
    need the functions).
    """
    settings = json.dumps(browser_settings(search_index), ensure_ascii=False)
    code = "\n".join((JS / name).read_text(encoding="utf-8") for name in BROWSER_CODE)
    listen = "\nketaguide.page.listen();\nketaguide.find.listen();\nketaguide.page.holdFromApp();" if listening else ""
    return (
        f"(() => {{\nconst KETAGUIDE_SETTINGS = {settings};\n"
        f"const ketaguide = (globalThis.ketaguide = {{ settings: KETAGUIDE_SETTINGS }});\n{code}{listen}\n}})();"
    )


class BrowserCode(rx.Fragment):  # type: ignore[misc]  # Reflex exports its components untyped
    """Shows nothing; gives the prerender the browser code that the page's expressions call.

    In the browser the page script (`/assets/page-….js`) defines it before the app starts, so the app's
    own bundle leaves it out: Vite drops code behind `import.meta.env.SSR` from the browser's build.
    """

    def add_custom_code(self) -> list[str]:
        """The browser code, for the prerender only."""
        return [f"if (import.meta.env.SSR) {browser_code()}"]


def function(code: str, *uses: Var[Any]) -> FunctionVar[Any]:
    """A JavaScript function expression that may refer to the given Vars (their hooks come along)."""
    return FunctionStringVar.create(code, _var_data=VarData.merge(*(use._get_all_var_data() for use in uses)))


def page_function(name: str) -> FunctionVar[Any]:
    """One of `ketaguide.page`'s functions, to hand to an event handler."""
    return function(f"ketaguide.page.{name}")


APPLY_TYPED_QUERY = page_function("applyTypedQuery")
CLEAR_QUERY_ON_ESCAPE = page_function("clearQueryOnEscape")
CLEAR_QUERY = page_function("clearQuery")


def start_page_behaviour(open_topic: Var[str]) -> FunctionVar[Any]:
    """On start: listen for keys, toggles, shares and #fragments, and focus the linked topic's heading."""
    return function(f"() => ketaguide.page.start({open_topic!s})", open_topic)


def start_faq_filter(
    set_query: Var[Any], set_shown: Var[Any], set_announcement: Var[Any], texts: list[str]
) -> FunctionVar[Any]:
    """On mount: how the FAQ filter applies a query to these texts (each question with its answer)."""
    arguments = f"{set_query!s}, {set_shown!s}, {set_announcement!s}, {json.dumps(texts, ensure_ascii=False)}"
    return function(f"() => ketaguide.page.startFaqFilter({arguments})", set_query, set_shown, set_announcement)


def matches(query: Var[Any], text: str) -> Var[bool]:
    """Whether the text matches the query, by the one matching rule (js/search.js)."""
    return FunctionStringVar.create("ketaguide.search.matches").call(query, LiteralVar.create(text)).to(bool)
