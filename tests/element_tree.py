"""Components and pages rendered to an element tree as Reflex compiles them: markup checked without a browser or build.

Reflex renders a component to a tree of tags, props and children written as JavaScript expressions. Literal values
are read as they are; the conditions the guide's components use (equality of two strings, a list holding a string)
are worked out, so a page for one open topic is the tree its prerender shows; anything else stays an `Expression`.
A body's HTML, which the prerender writes inside its element, is parsed into the tree too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

EQUALS = re.compile(r'^\(("(?:[^"\\]|\\.)*")\?\.valueOf\?\.\(\) === ("(?:[^"\\]|\\.)*")\?\.valueOf\?\.\(\)\)$')
INCLUDES = re.compile(r'^(\[.*\])\.includes\(("(?:[^"\\]|\\.)*")\)$')
PRERENDERED_HTML = re.compile(r'^\(\{__html: import\.meta\.env\.SSR \? ("(?:[^"\\]|\\.)*") : ""\}\)$')
EMPTY_HTML = re.compile(r'^\(\{ \["__html"\] : "" \}\)$')
# React's prop names for the attributes they set.
ATTRIBUTES = {
    "className": "class",
    "htmlFor": "for",
    "dateTime": "datetime",
    "tabIndex": "tabindex",
    "charSet": "charset",
}
VOID = {"meta", "link", "br", "hr", "img", "input"}


class Expression(str):
    """A prop or text whose value only the browser works out."""


@dataclass
class Element:
    """One element of the rendered tree: its tag, its attributes and its children (elements and text)."""

    tag: str
    attrs: dict[str, Any] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find_all(self, test: Callable[[Element], bool]) -> list[Element]:
        """Every element inside (or being) this one that passes the test."""
        return [element for element in self.walk() if test(element)]

    def by_id(self, element_id: str) -> Element:
        """The one element with this id."""
        found = self.find_all(lambda element: element.attrs.get("id") == element_id)
        assert len(found) == 1, f"{len(found)} elements with the id {element_id!r}"
        return found[0]

    def text(self) -> str:
        """The text inside, as a reader sees it (expressions left out)."""
        parts = [
            child.text() if isinstance(child, Element) else child
            for child in self.children
            if not isinstance(child, Expression)
        ]
        return "".join(parts)

    def classes(self) -> list[str]:
        """The element's classes."""
        value = self.attrs.get("class", "")
        return value.split() if isinstance(value, str) else []


def rendered(component: Any) -> Element:
    """The tree a component renders to, under a root element."""
    root = Element("root")
    _add(root, component.render())
    return root


def _add(parent: Element, node: dict[str, Any]) -> None:
    if "contents" in node:
        parent.children.append(_value(node["contents"]) if node["contents"] else "")
        return
    if "cond_state" in node:
        state = _value(node["cond_state"])
        branches = [node["true_value"]] if state is True else [node["false_value"]] if state is False else []
        for branch in branches:
            _add(parent, branch)
        return
    name = node.get("name", "")
    if not name.startswith('"'):  # a component of React's or Reflex's own (a fragment): its children stand in for it
        for child in node.get("children", []):
            _add(parent, child)
        return
    element = Element(json.loads(name), _props(node.get("props", [])))
    inner = element.attrs.pop("dangerouslySetInnerHTML", None)
    if isinstance(inner, str):
        element.children += parse_html(inner)
    parent.children.append(element)
    for child in node.get("children", []):
        _add(element, child)


def _props(props: list[str]) -> dict[str, Any]:
    attrs = {}
    for prop in props:
        key, value = _split(prop)
        if key == "ref":
            continue
        attrs[ATTRIBUTES.get(key, key)] = _value(value)
    return attrs


def _split(prop: str) -> tuple[str, str]:
    if prop.startswith('"'):
        end = prop.index('":', 1)
        return json.loads(prop[: end + 1]), prop[end + 2 :]
    key, _, value = prop.partition(":")
    return key, value


def _value(code: str) -> Any:
    """A literal's value, a condition worked out, the HTML an element is prerendered with, or an Expression."""
    if (html := PRERENDERED_HTML.match(code)) is not None:
        return json.loads(html.group(1))
    if EMPTY_HTML.match(code):
        return ""
    if (equals := EQUALS.match(code)) is not None:
        return json.loads(equals.group(1)) == json.loads(equals.group(2))
    if (includes := INCLUDES.match(code)) is not None:
        return json.loads(includes.group(2)) in json.loads(includes.group(1))
    try:
        return json.loads(code)
    except json.JSONDecodeError:
        return Expression(code)


class _HtmlTree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value if value is not None else "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse_html(markup: str) -> list[Element | str]:
    """HTML as elements; a tag closed out of order fails."""
    tree = _HtmlTree()
    tree.feed(markup)
    tree.close()
    assert tree.open == [tree.root], "unclosed elements in the HTML"
    return tree.root.children
