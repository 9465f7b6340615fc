// Specification of the reading aids, run on their own in Node with a fake page.
import assert from "node:assert/strict";
import { test } from "node:test";

import { guide, remember, restore } from "../../ketaguide_app/js/reading.js";
import { load } from "./browser-code.mjs";

// The page script's settings, as the site writes them: the DOM contract the reading aids use.
const { settings } = load();
const { dom } = settings;
const ketaguide = { settings };

/** A disclosure element: open or not, with attributes, and a box on the screen. */
function disclosure(id, { open = false, top = 0, bottom = 0 } = {}) {
  const attributes = new Map();
  return {
    id,
    tagName: "DETAILS",
    open,
    box: { top, bottom },
    setAttribute: (name, value) => attributes.set(name, value),
    hasAttribute: (name) => attributes.has(name),
    getBoundingClientRect() {
      return this.box;
    },
  };
}

/** A page holding these disclosures, with a session storage and a navigation of the given type. */
function page(disclosures, { stored = null, type = "navigate", path = "/", storageFails = false } = {}) {
  const document = new EventTarget();
  document.getElementById = (id) => disclosures.find((d) => d.id === id) ?? null;
  document.querySelectorAll = (selector) =>
    selector === "details[id][open]" ? disclosures.filter((d) => d.open) : [];
  const items = new Map(stored === null ? [] : [[dom.openStore, stored]]);
  const sessionStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (storageFails) throw new Error("QuotaExceededError");
      items.set(key, value);
    },
  };
  const performance = { getEntriesByType: () => [{ type }] };
  const window = new EventTarget();
  return { window, document, sessionStorage, performance, location: { pathname: path }, items, ketaguide };
}

test("restores the disclosures the tab had open, marked so the address bar stays as it is", () => {
  const section = disclosure("section-a");
  const topic = disclosure("topic-b");
  const { document, sessionStorage } = page([section, topic], { stored: '["section-a","topic-b","gone"]' });
  restore(document, sessionStorage, dom);
  assert.equal(section.open, true);
  assert.equal(topic.open, true);
  assert.equal(topic.hasAttribute(dom.attributes.restored), true);
});

test("anything else in storage is ignored", () => {
  const section = disclosure("section-a");
  for (const stored of ["not json", '{"section-a": true}', "42", '[{"id": "section-a"}]']) {
    const { document, sessionStorage } = page([section], { stored });
    restore(document, sessionStorage, dom);
  }
  assert.equal(section.open, false);
});

test("a reload and a return reopen what was open; a link to a topic does not", () => {
  for (const [type, path, reopened] of [
    ["reload", "/topics/b", true],
    ["back_forward", "/topics/b", true],
    ["navigate", "/", true],
    ["navigate", "/topics/b", false],
  ]) {
    const section = disclosure("section-a");
    remember(page([section], { stored: '["section-a"]', type, path }));
    assert.equal(section.open, reopened, `${type} ${path}`);
  }
});

test("every toggle is remembered for the tab", () => {
  const section = disclosure("section-a");
  const world = page([section]);
  remember(world);
  assert.equal(world.items.get(dom.openStore), "[]");
  section.open = true;
  world.document.dispatchEvent(new Event("toggle"));
  assert.equal(world.items.get(dom.openStore), '["section-a"]');
});

test("what is open as the page is left is remembered, even before its toggle event", () => {
  const section = disclosure("section-a");
  const world = page([section]);
  remember(world);
  section.open = true;
  world.window.dispatchEvent(new Event("pagehide"));
  assert.equal(world.items.get(dom.openStore), '["section-a"]');
});

test("a storage that refuses leaves the page working", () => {
  const world = page([disclosure("section-a", { open: true })], { storageFails: true });
  assert.doesNotThrow(() => remember(world));
  assert.doesNotThrow(() => world.document.dispatchEvent(new Event("toggle")));
});

/** A window and page with one open section, its header, and the two controls. */
function reading({ sectionTop, headerBottom, height = 600 }) {
  const header = {
    box: { bottom: headerBottom },
    focused: false,
    scrolled: false,
    getBoundingClientRect() {
      return this.box;
    },
    scrollIntoView() {
      this.scrolled = true;
    },
    focus() {
      this.focused = true;
    },
  };
  const section = disclosure("section-a", { open: true, top: sectionTop, bottom: sectionTop + 5000 });
  section.querySelector = () => header;
  const toSection = new EventTarget();
  const toTop = new EventTarget();
  const controls = { hidden: true, querySelectorAll: () => [toSection, toTop] };
  const title = { focused: false, focus() { this.focused = true; } };
  const document = new EventTarget();
  document.getElementById = (id) => ({ [dom.ids.jump]: controls, [dom.ids.guideTitle]: title })[id];
  document.querySelectorAll = () => [section];
  const window = new EventTarget();
  window.innerHeight = height;
  window.scrolledTo = null;
  window.scrollTo = (x, y) => (window.scrolledTo = [x, y]);
  window.requestAnimationFrame = (callback) => callback();
  return { window, document, controls, header, toSection, toTop, title, section, ketaguide };
}

test("the controls wait until the reader moves, then show deep inside a section", () => {
  const r = reading({ sectionTop: -2000, headerBottom: -1950 });
  guide(r);
  assert.equal(r.controls.hidden, true);
  r.window.dispatchEvent(new Event("scroll"));
  assert.equal(r.controls.hidden, false);
});

test("the controls hide while the section's header is in view", () => {
  const r = reading({ sectionTop: -10, headerBottom: 40 });
  guide(r);
  r.window.dispatchEvent(new Event("scroll"));
  assert.equal(r.controls.hidden, true);
});

test("one tap leads to the section's header, the other to the top", () => {
  const r = reading({ sectionTop: -2000, headerBottom: -1950 });
  guide(r);
  r.window.dispatchEvent(new Event("scroll"));
  r.toSection.dispatchEvent(new Event("click"));
  assert.equal(r.header.scrolled, true);
  assert.equal(r.header.focused, true);
  r.toTop.dispatchEvent(new Event("click"));
  assert.deepEqual(r.window.scrolledTo, [0, 0]);
  assert.equal(r.title.focused, true);
});
