"""Behaviour that runs in the reader's browser alone, as Reflex function Vars (no server round trip)."""

from __future__ import annotations

import json
from typing import Any

from reflex_base.vars import VarData
from reflex_base.vars.base import Var
from reflex_base.vars.function import FunctionStringVar, FunctionVar

from ketaguide_app import search
from ketaguide_app.paths import HOME_PATH, TOPICS_PREFIX
from ketaguide_app.wording import WORDING

SHARE_STATUS_ID = "share-status"
FAQ_INPUT_ID = "faq-search"


def function(code: str, *uses: Var[Any]) -> FunctionVar[Any]:
    """A JavaScript function expression that may refer to the given Vars (their hooks come along)."""
    return FunctionStringVar.create(code, _var_data=VarData.merge(*(use._get_all_var_data() for use in uses)))


# Opens every section, or closes them all when every one is already open.
SHOW_OR_HIDE_ALL_SECTIONS = function(
    """() => {
  const sections = [...document.querySelectorAll("details[data-section]")];
  const open = !sections.every((d) => d.open);
  sections.forEach((d) => { d.open = open; });
}"""
)

# Up/Down move between the visible headers of the same list, Home/End jump to the first/last (WAI-ARIA pattern).
_MOVE_BETWEEN_HEADERS = """(e) => {
  const moves = ["ArrowDown", "ArrowUp", "Home", "End"];
  const list = e.target.closest("[data-headers]");
  if (!moves.includes(e.key) || e.target.tagName !== "SUMMARY" || !list) return;
  const heads = [...list.querySelectorAll("summary")].filter((s) => s.checkVisibility());
  const i = heads.indexOf(e.target), n = heads.length;
  const next = {
    ArrowDown: heads[(i + 1) % n], ArrowUp: heads[(i - 1 + n) % n], Home: heads[0], End: heads[n - 1],
  }[e.key];
  e.preventDefault();
  next.focus();
}"""

# Keeps the address bar on the open topic (or the home page once it closes), without history entries; a topic
# the page reopened for the reader (ketaguide_app/js/reading.js marks it) leaves the address as it is.
_FOLLOW_OPEN_TOPIC = f"""(e) => {{
  const topic = e.target.dataset && e.target.dataset.topic;
  if (!topic) return;
  if (e.target.hasAttribute("data-restored")) {{ e.target.removeAttribute("data-restored"); return; }}
  const path = {json.dumps(TOPICS_PREFIX)} + topic;
  if (e.target.open) {{
    if (location.pathname !== path) history.replaceState(history.state, "", path);
  }} else if (location.pathname === path) {{
    history.replaceState(history.state, "", {json.dumps(HOME_PATH)});
  }}
}}"""

# A share button opens the phone's share sheet, or copies the topic's address and confirms it.
_SHARE_TOPIC = f"""async (e) => {{
  const button = e.target.closest("button[data-share]");
  if (!button) return;
  const title = button.closest("details").querySelector("summary h3").firstChild.textContent;
  const url = new URL({json.dumps(TOPICS_PREFIX)} + button.dataset.share, location.origin).href;
  const status = document.getElementById({json.dumps(SHARE_STATUS_ID)});
  const say = (text) => {{
    status.textContent = text;
    clearTimeout(window.ketaguideShareTimer);
    window.ketaguideShareTimer = setTimeout(() => {{ status.textContent = ""; }}, 5000);
  }};
  if (navigator.share) {{
    try {{ await navigator.share({{title, url}}); return; }}
    catch (err) {{ if (err.name === "AbortError") return; }}
  }}
  const copied = {json.dumps(WORDING.link_copied)}.replace("{{title}}", title);
  try {{ await navigator.clipboard.writeText(url); say(copied); }}
  catch (err) {{ say({json.dumps(WORDING.link_not_copied)}); }}
}}"""

# Opens the question or topic that the address's #fragment names, and brings its heading into view.
_OPEN_FRAGMENT_TARGET = """() => {
  let id = "";
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
  const target = id && document.getElementById(id);
  if (!target || target.tagName !== "DETAILS") return;
  for (let d = target; d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  const heading = target.querySelector("summary");
  heading.focus({preventScroll: true});
  heading.scrollIntoView({block: "start"});
}"""

# Installed once per page: one listener per kind of event serves every header, topic and share button.
_LISTEN = f"""if (!window.ketaguideListening) {{
  window.ketaguideListening = true;
  document.addEventListener("keydown", {_MOVE_BETWEEN_HEADERS});
  document.addEventListener("toggle", {_FOLLOW_OPEN_TOPIC}, true);
  document.addEventListener("click", {_SHARE_TOPIC});
  window.addEventListener("hashchange", {_OPEN_FRAGMENT_TARGET});
}}
({_OPEN_FRAGMENT_TARGET})();"""


# Tells the site's own modules (and tests) that the app has taken over the page: from now on they may change it.
APP_STARTED = "ketaguide:started"
_ANNOUNCE_START = f"""document.documentElement.setAttribute("data-app-started", "");
document.dispatchEvent(new Event("{APP_STARTED}"));"""


def start_page_behaviour(open_topic: Var[str]) -> FunctionVar[Any]:
    """On start: install the page's listeners, open a #fragment's target, focus the linked topic's heading.

    The topic is open and in view already (the served HTML opens it, an inline script scrolls to it); focus
    moves only if the reader has not put it somewhere else, and never scrolls.
    """
    return function(
        f"""() => {{
  {_LISTEN}
  {_ANNOUNCE_START}
  const slug = {open_topic!s};
  if (!slug || location.hash || document.activeElement !== document.body) return;
  document.getElementById("topic-" + slug + "-heading").focus({{preventScroll: true}});
}}""",
        open_topic,
    )


def start_faq_filter(
    set_query: Var[Any], set_shown: Var[Any], set_announcement: Var[Any], haystacks: list[str]
) -> FunctionVar[Any]:
    """On mount: define how a query is applied, then apply what was typed before the app started, or `?q=`.

    Applying a query filters at once, keeps it in the address bar without a history entry, and announces
    the count to screen readers only once typing pauses.
    """
    count = f"({search.COUNT_JS})(value, {json.dumps(haystacks)})"
    count_wording = json.dumps(WORDING.faq_count.replace("{total}", str(len(haystacks))))
    return function(
        f"""() => {{
  window.ketaguideApplyQuery = (text) => {{
    const value = String(text ?? "").slice(0, {search.MAX_QUERY_LENGTH});
    const shown = {count};
    {set_query!s}(value);
    {set_shown!s}(shown);
    const url = new URL(location.href);
    if (value) url.searchParams.set("q", value); else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    const announcement = value && shown ? {count_wording}.replace("{{shown}}", shown) : "";
    clearTimeout(window.ketaguideAnnounceTimer);
    window.ketaguideAnnounceTimer = setTimeout(() => {set_announcement!s}(announcement), 800);
  }};
  const typed = document.getElementById({json.dumps(FAQ_INPUT_ID)}).value;
  const value = typed || new URLSearchParams(location.search).get("q");
  if (value) window.ketaguideApplyQuery(value);
}}""",
        set_query,
        set_shown,
        set_announcement,
    )


# Reflex hands an input's change handler the new value, and a key handler the key's name.
APPLY_TYPED_QUERY = function("(text) => window.ketaguideApplyQuery(text)")
CLEAR_QUERY_ON_ESCAPE = function('(key) => { if (key === "Escape") window.ketaguideApplyQuery(""); }')
CLEAR_QUERY = function(
    f"""() => {{
  window.ketaguideApplyQuery("");
  document.getElementById({json.dumps(FAQ_INPUT_ID)}).focus();
}}"""
)
