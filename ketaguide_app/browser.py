"""Behaviour that runs in the reader's browser alone, as Reflex function Vars (no server round trip)."""

from __future__ import annotations

import json

from reflex_base.vars import VarData
from reflex_base.vars.base import Var
from reflex_base.vars.function import FunctionStringVar, FunctionVar

from ketaguide_app import search
from ketaguide_app.wording import WORDING

HOME_PATH = "/"
SHARE_STATUS_ID = "share-status"
FAQ_INPUT_ID = "faq-search"


def function(code: str, *uses: Var) -> FunctionVar:
    """A JavaScript function expression that may refer to the given Vars (their hooks come along)."""
    return FunctionStringVar.create(code, _var_data=VarData.merge(*(use._get_all_var_data() for use in uses)))


def topic_path(slug: str) -> str:
    """The address of one topic's page."""
    return f"/topics/{slug}"


# Up/Down move between the visible accordion headers, Home/End jump to the first/last (WAI-ARIA pattern).
MOVE_BETWEEN_HEADERS = function(
    """(e) => {
  const moves = ["ArrowDown", "ArrowUp", "Home", "End"];
  if (!moves.includes(e.key) || e.target.tagName !== "SUMMARY") return;
  const heads = [...e.currentTarget.querySelectorAll("summary")].filter((s) => s.checkVisibility());
  const i = heads.indexOf(e.target), n = heads.length;
  const next = {
    ArrowDown: heads[(i + 1) % n], ArrowUp: heads[(i - 1 + n) % n], Home: heads[0], End: heads[n - 1],
  }[e.key];
  e.preventDefault();
  next.focus();
}"""
)

# Opens every section, or closes them all when every one is already open.
SHOW_OR_HIDE_ALL_SECTIONS = function(
    """() => {
  const sections = [...document.querySelectorAll("details[data-section]")];
  const open = !sections.every((d) => d.open);
  sections.forEach((d) => { d.open = open; });
}"""
)


def follow_topic_in_address_bar(slug: str) -> FunctionVar:
    """Keep the address bar on the open topic, without adding history entries."""
    path = json.dumps(topic_path(slug))
    return function(
        f"""(e) => {{
  if (e.currentTarget.open) {{
    if (location.pathname !== {path}) history.replaceState(history.state, "", {path});
  }} else if (location.pathname === {path}) {{
    history.replaceState(history.state, "", {json.dumps(HOME_PATH)});
  }}
}}"""
    )


def share_topic(slug: str, title: str) -> FunctionVar:
    """Open the phone's share sheet for a topic, or copy its address and confirm it."""
    copied = json.dumps(WORDING.link_copied.format(title=title))
    return function(
        f"""async () => {{
  const url = new URL({json.dumps(topic_path(slug))}, location.origin).href;
  const status = document.getElementById({json.dumps(SHARE_STATUS_ID)});
  const say = (text) => {{
    status.textContent = text;
    clearTimeout(window.ketaguideShareTimer);
    window.ketaguideShareTimer = setTimeout(() => {{ status.textContent = ""; }}, 5000);
  }};
  if (navigator.share) {{
    try {{ await navigator.share({{title: {json.dumps(title)}, url}}); return; }}
    catch (err) {{ if (err.name === "AbortError") return; }}
  }}
  try {{ await navigator.clipboard.writeText(url); say({copied}); }}
  catch (err) {{ say({json.dumps(WORDING.link_not_copied)}); }}
}}"""
    )


# Opens the question or topic that the address's #fragment names, now and whenever the fragment changes.
OPEN_FRAGMENT_TARGET = """const openFragmentTarget = () => {
  let id = "";
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
  const target = id && document.getElementById(id);
  if (!target || target.tagName !== "DETAILS") return;
  for (let d = target; d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  const heading = target.querySelector("summary");
  heading.focus({preventScroll: true});
  heading.scrollIntoView({block: "start"});
};
window.onhashchange = openFragmentTarget;
openFragmentTarget();"""


def open_linked_topic(slug: str | None) -> FunctionVar:
    """On load: open the linked topic (and its section), bring it into view and focus its heading."""
    if slug is None:
        return function(f"() => {{ {OPEN_FRAGMENT_TARGET} }}")
    topic_id = json.dumps(f"topic-{slug}")
    return function(
        f"""() => {{
  {OPEN_FRAGMENT_TARGET}
  if (location.hash) return;
  const topic = document.getElementById({topic_id});
  topic.open = true;
  topic.closest("details[data-section]").open = true;
  const heading = topic.querySelector("summary");
  heading.focus({{preventScroll: true}});
  heading.scrollIntoView({{block: "start"}});
}}"""
    )


def _write_query_to_address_bar(value: str) -> str:
    return f"""{{
  const url = new URL(location.href);
  if ({value}) url.searchParams.set("q", {value}); else url.searchParams.delete("q");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
}}"""


def set_faq_query(set_query: Var, set_announced: Var) -> FunctionVar:
    """Filter as the reader types; keep the query in the address bar; announce the count once typing pauses.

    Reflex hands an input's change handler the new value, not the DOM event.
    """
    return function(
        f"""(text) => {{
  const value = String(text ?? "").slice(0, {search.MAX_QUERY_LENGTH});
  {set_query!s}(value);
  {_write_query_to_address_bar("value")}
  clearTimeout(window.ketaguideAnnounceTimer);
  window.ketaguideAnnounceTimer = setTimeout(() => {set_announced!s}(value), 800);
}}""",
        set_query,
        set_announced,
    )


def clear_faq_query(set_query: Var, set_announced: Var) -> FunctionVar:
    """Empty the filter, show every question again and put focus back in the search field."""
    return function(
        f"""() => {{
  {set_query!s}("");
  {set_announced!s}("");
  {_write_query_to_address_bar('""')}
  document.getElementById({json.dumps(FAQ_INPUT_ID)}).focus();
}}""",
        set_query,
        set_announced,
    )


def clear_faq_query_on_escape(set_query: Var, set_announced: Var) -> FunctionVar:
    """Escape in the search field clears it (Reflex hands key handlers the key's name)."""
    clear = clear_faq_query(set_query, set_announced)
    return function(f"""(key) => {{ if (key === "Escape") ({clear!s})(); }}""", clear)


def read_faq_query_from_address(set_query: Var, set_announced: Var) -> FunctionVar:
    """On load: apply `?q=` from the address, so a shared filtered view opens filtered."""
    return function(
        f"""() => {{
  const value = (new URLSearchParams(location.search).get("q") || "").slice(0, {search.MAX_QUERY_LENGTH});
  if (value) {{ {set_query!s}(value); {set_announced!s}(value); }}
}}""",
        set_query,
        set_announced,
    )
