"""Specification of the DOM contract: its names are written once, and the browser code and stylesheet use them."""

from __future__ import annotations

import re

from ketaguide_app import dom
from ketaguide_app.browser import JS, browser_settings
from ketaguide_app.styles import STYLESHEET

CSS = STYLESHEET.read_text(encoding="utf-8")
BROWSER_CODE = {name: (JS / name).read_text(encoding="utf-8") for name in ("page.js", "reading.js", "offline.js")}
CONTRACT = dom.browser_contract()


def test_the_browser_code_gets_the_contract_once_in_its_settings() -> None:
    assert browser_settings()["dom"] == CONTRACT
    assert CONTRACT["ids"]["topicHeading"].replace("{slug}", "dosing") == dom.topic_heading_id("dosing")


def test_the_browser_code_spells_none_of_the_contracts_names_itself() -> None:
    names = [*CONTRACT["ids"].values(), *CONTRACT["attributes"].values(), CONTRACT["openStore"]]
    names += [CONTRACT["startedEvent"], *(f".{name}" for name in dom.UNMARKED)]
    for file, code in BROWSER_CODE.items():
        spelled = [name for name in names if re.search(rf"[\"'`]{re.escape(name.split('{')[0])}", code)]
        assert spelled == [], f"{file} spells {spelled} instead of reading ketaguide.settings.dom"


def test_every_attribute_the_stylesheet_styles_behaviour_by_is_the_contracts() -> None:
    styled = set(re.findall(r"\[(data-[a-z-]+)", CSS))
    assert styled <= set(CONTRACT["attributes"].values())
    assert {dom.ALL_OPEN, dom.PAGE_READY, dom.STARTED, dom.UNAVAILABLE, dom.OFFLINE} <= styled


def test_the_classes_behaviour_turns_on_and_off_are_styled() -> None:
    hints = (dom.WHEN_STARTED, dom.UNTIL_STARTED, dom.IF_UNAVAILABLE)
    for name in (dom.SHOW_LABEL, dom.HIDE_LABEL, *hints, dom.OFFLINE_NOTE):
        assert re.search(rf"\.{name}\b", CSS), name
    assert f"html[{dom.OFFLINE}] .{dom.OFFLINE_NOTE}" in CSS
    assert f"html:not([{dom.STARTED}]) .{dom.WHEN_STARTED}" in CSS
    assert f"html:not([{dom.UNAVAILABLE}]) .{dom.IF_UNAVAILABLE}" in CSS
    assert f"html[{dom.UNAVAILABLE}] .{dom.UNTIL_STARTED}" in CSS
