// Specification of the page's own behaviour (ketaguide_app/js/page.js), run in Node on a small fake page.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { load } from "./browser-code.mjs";

/** An element with just what page.js uses: attributes, data, parents, focus, scrolling. */
function element(tagName, { id = "", data = {}, open = false, visible = true, parent = null, text = "" } = {}) {
  const attributes = new Map();
  const node = {
    tagName,
    id,
    open,
    dataset: { ...data },
    parentElement: parent,
    textContent: text,
    value: "",
    focused: 0,
    scrolled: 0,
    focus(options) {
      node.focused += 1;
      node.focusOptions = options;
      page.document.activeElement = node;
    },
    scrollIntoView(options) {
      node.scrolled += 1;
      node.scrollOptions = options;
    },
    checkVisibility: () => visible,
    setAttribute: (name, value) => attributes.set(name, value),
    hasAttribute: (name) => attributes.has(name),
    removeAttribute: (name) => attributes.delete(name),
    toggleAttribute: (name, force) => (force ? attributes.set(name, "") : attributes.delete(name), force),
    closest(selector) {
      for (let at = node; at; at = at.parentElement) if (at.matches?.(selector)) return at;
      return null;
    },
    matches: () => false,
  };
  return node;
}

let page;
// The DOM contract, as the site writes it into the page script's settings.
const CONTRACT = load().settings.dom;

/** A fresh page at `address` holding `elements`, with the browser code loaded into it. */
function open(
  address,
  elements = [],
  { share = null, clipboard = async () => {}, readyState = "complete", started = true } = {},
) {
  const document = new EventTarget();
  const root = element("HTML");
  if (started) root.setAttribute(CONTRACT.attributes.started, "");
  Object.assign(document, {
    readyState,
    documentElement: root,
    body: element("BODY"),
    getElementById: (id) => elements.find((node) => node.id === id) ?? null,
    querySelectorAll: (selector) => {
      if (selector === `details[${CONTRACT.attributes.section}]`) return elements.filter((n) => n.dataset.section);
      if (selector === `button[${CONTRACT.attributes.showAll}]`) return elements.filter((n) => "showAll" in n.dataset);
      return [];
    },
  });
  document.activeElement = document.body;
  const location = new URL(address);
  const replaced = [];
  const history = {
    state: { page: 1 },
    replaceState(state, title, url) {
      replaced.push({ state, url });
      const next = new URL(url, location.href);
      location.href = next.href;
    },
  };
  const copied = [];
  const navigator = {
    share,
    clipboard: {
      writeText: async (text) => {
        copied.push(text);
        await clipboard(text);
      },
    },
  };
  const window = new EventTarget();
  page = { document, location, history, navigator, window, replaced, copied };
  const globals = {
    document,
    location,
    history,
    navigator,
    window,
    Event,
    URL,
    URLSearchParams,
    setTimeout: (...args) => globalThis.setTimeout(...args),
    clearTimeout: (...args) => globalThis.clearTimeout(...args),
  };
  const loaded = load(globals);
  return { ...loaded, ...page };
}

/** The status line that share messages go to, and the FAQ input. */
function fixedElements(settings) {
  return [element("P", { id: settings.dom.ids.shareStatus }), element("INPUT", { id: settings.dom.ids.faqInput })];
}

test("show all opens every section; when all are open, it closes them", () => {
  const sections = [element("DETAILS", { data: { section: "a" }, open: true }), element("DETAILS", { data: { section: "b" } })];
  const { ketaguide } = open("https://guide.test/", sections);
  ketaguide.page.showOrHideAllSections();
  assert.deepEqual(sections.map((s) => s.open), [true, true]);
  ketaguide.page.showOrHideAllSections();
  assert.deepEqual(sections.map((s) => s.open), [false, false]);
});

/** A list of headers (summaries), the hidden ones skipped by the keys. */
function headers(visibility) {
  const list = element("DIV");
  list.matches = (selector) => selector === "[data-headers]";
  const heads = visibility.map((visible, at) => element("SUMMARY", { id: `h${at}`, visible, parent: list }));
  list.querySelectorAll = (selector) => (selector === "summary" ? heads : []);
  return heads;
}

function press(ketaguide, target, key) {
  let prevented = false;
  ketaguide.page.moveBetweenHeaders({ key, target, preventDefault: () => (prevented = true) });
  return prevented;
}

test("arrow keys move between visible headers and wrap; Home and End go to the ends", () => {
  const { ketaguide } = open("https://guide.test/");
  const heads = headers([true, false, true, true]);
  const focusedAfter = (from, key) => {
    assert.equal(press(ketaguide, heads[from], key), true);
    return page.document.activeElement.id;
  };
  assert.equal(focusedAfter(0, "ArrowDown"), "h2");
  assert.equal(focusedAfter(3, "ArrowDown"), "h0");
  assert.equal(focusedAfter(0, "ArrowUp"), "h3");
  assert.equal(focusedAfter(2, "Home"), "h0");
  assert.equal(focusedAfter(0, "End"), "h3");
});

test("without checkVisibility (Safari before 17.4) the keys skip hidden headers and those in closed disclosures", () => {
  const { ketaguide } = open("https://guide.test/");
  const heads = headers([true, false, true, true]);
  for (const head of heads) {
    const visible = head.checkVisibility();
    delete head.checkVisibility;
    head.getClientRects = () => (visible ? [{}] : []);
  }
  // The last header has a box but sits in a closed disclosure: its own details inside a closed section.
  const section = element("DETAILS", { parent: heads[3].parentElement });
  section.open = false;
  heads[3].parentElement = element("DETAILS", { parent: section });
  assert.equal(press(ketaguide, heads[0], "ArrowDown"), true);
  assert.equal(page.document.activeElement.id, "h2");
  assert.equal(press(ketaguide, heads[2], "ArrowDown"), true);
  assert.equal(page.document.activeElement.id, "h0");
  section.open = true;
  assert.equal(press(ketaguide, heads[2], "ArrowDown"), true);
  assert.equal(page.document.activeElement.id, "h3");
});

test("other keys, and keys outside a list of headers, are left to the browser", () => {
  const { ketaguide } = open("https://guide.test/");
  const heads = headers([true, true]);
  assert.equal(press(ketaguide, heads[0], "Enter"), false);
  assert.equal(press(ketaguide, element("SUMMARY"), "ArrowDown"), false);
  assert.equal(press(ketaguide, element("INPUT", { parent: heads[0].parentElement }), "ArrowDown"), false);
  assert.equal(press(ketaguide, { key: "ArrowDown" }, "ArrowDown"), false);
});

test("opening the topic whose address is already in the bar leaves the address as it is", () => {
  const { ketaguide, replaced } = open("https://guide.test/topics/dosing");
  ketaguide.page.followOpenTopic({ target: element("DETAILS", { data: { topic: "dosing" }, open: true }) });
  assert.deepEqual(replaced, []);
});

test("opening a topic puts its address in the bar, closing it goes back home, without history entries", () => {
  const { ketaguide, settings, location, replaced, history } = open("https://guide.test/?q=side#faq");
  const topic = element("DETAILS", { data: { topic: "dosing" }, open: true });
  ketaguide.page.followOpenTopic({ target: topic });
  assert.equal(location.pathname, `${settings.topicsPrefix}dosing`);
  assert.equal(replaced[0].state, history.state);
  topic.open = false;
  ketaguide.page.followOpenTopic({ target: topic });
  assert.equal(location.pathname, settings.homePath);
  assert.equal(replaced.length, 2);
});

test("before the app has started, an opened topic's address waits for the start, so the app starts where it was served", () => {
  const { ketaguide, settings, location, replaced } = open("https://guide.test/", [], { started: false });
  const topic = element("DETAILS", { data: { topic: "dosing" }, open: true });
  ketaguide.page.followOpenTopic({ target: topic });
  assert.deepEqual(replaced, []);
  const other = element("DETAILS", { data: { topic: "risks" }, open: true });
  ketaguide.page.followOpenTopic({ target: other });
  other.open = false;
  ketaguide.page.followOpenTopic({ target: other });
  assert.deepEqual(replaced, []);
  ketaguide.page.start("");
  assert.equal(location.pathname, settings.homePath, "the last word was: risks closed, back home");
  assert.equal(replaced.length, 0);
  const { ketaguide: late, location: there, replaced: changes } = open("https://guide.test/", [], { started: false });
  late.page.followOpenTopic({ target: element("DETAILS", { data: { topic: "dosing" }, open: true }) });
  late.page.start("");
  assert.equal(there.pathname, `${settings.topicsPrefix}dosing`);
  assert.equal(changes.length, 1);
});

test("closing a topic that is not the one in the address, or toggling a section, leaves the address", () => {
  const { ketaguide, settings, replaced } = open("https://guide.test/topics/other");
  ketaguide.page.followOpenTopic({ target: element("DETAILS", { data: { topic: "dosing" } }) });
  ketaguide.page.followOpenTopic({ target: element("DETAILS", { data: { section: "a" }, open: true }) });
  ketaguide.page.followOpenTopic({ target: {} });
  assert.deepEqual(replaced, []);
  assert.equal(settings.topicsPrefix, "/topics/");
});

test("a topic the page reopened for the reader leaves the address once, then follows it again", () => {
  const { ketaguide, replaced } = open("https://guide.test/");
  const topic = element("DETAILS", { data: { topic: "dosing" }, open: true });
  topic.setAttribute(CONTRACT.attributes.restored, "");
  ketaguide.page.followOpenTopic({ target: topic });
  assert.deepEqual(replaced, []);
  assert.equal(topic.hasAttribute(CONTRACT.attributes.restored), false);
  ketaguide.page.followOpenTopic({ target: topic });
  assert.equal(replaced.length, 1);
});

/** A topic with its share button, in a page whose share status exists. */
function shareable(options) {
  const details = element("DETAILS");
  details.matches = (selector) => selector === "details";
  details.querySelector = (selector) => (selector === "summary h3" ? { firstChild: { textContent: "How dosing works" } } : null);
  const button = element("BUTTON", { data: { share: "dosing" }, parent: details });
  button.matches = (selector) => selector === "button[data-share]";
  const opened = open("https://guide.test/topics/other?q=x#y", [], options);
  const settings = opened.settings;
  const status = element("P", { id: settings.dom.ids.shareStatus });
  page.document.getElementById = (id) => (id === settings.dom.ids.shareStatus ? status : null);
  return { ...opened, button, status };
}

test("sharing uses the phone's share sheet with the topic's title and clean address", async () => {
  const shared = [];
  const { ketaguide, button, status, copied } = shareable({ share: async (data) => shared.push(data) });
  await ketaguide.page.shareTopic({ target: button });
  assert.deepEqual(JSON.parse(JSON.stringify(shared)), [{ title: "How dosing works", url: "https://guide.test/topics/dosing" }]);
  assert.deepEqual(copied, []);
  assert.equal(status.textContent, "");
});

test("closing the share sheet does nothing more; a failing share sheet falls back to copying", async () => {
  const cancelled = shareable({ share: async () => Promise.reject(Object.assign(new Error("no"), { name: "AbortError" })) });
  await cancelled.ketaguide.page.shareTopic({ target: cancelled.button });
  assert.deepEqual(cancelled.copied, []);
  const failing = shareable({ share: async () => Promise.reject(new Error("not allowed")) });
  await failing.ketaguide.page.shareTopic({ target: failing.button });
  assert.deepEqual(failing.copied, ["https://guide.test/topics/dosing"]);
});

test("without a share sheet the address is copied and confirmed, then the confirmation goes", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const { ketaguide, settings, button, status, copied } = shareable();
    await ketaguide.page.shareTopic({ target: button });
    assert.deepEqual(copied, ["https://guide.test/topics/dosing"]);
    assert.equal(status.textContent, settings.wording.linkCopied.replace("{title}", "How dosing works"));
    mock.timers.tick(4999);
    assert.notEqual(status.textContent, "");
    mock.timers.tick(1);
    assert.equal(status.textContent, "");
  } finally {
    mock.timers.reset();
  }
});

test("a second share's confirmation stays its full time, whatever the first one's", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    let copies = 0;
    const { ketaguide, settings, button, status } = shareable({
      clipboard: async () => {
        copies += 1;
        if (copies > 1) throw new Error("denied");
      },
    });
    await ketaguide.page.shareTopic({ target: button });
    mock.timers.tick(3000);
    await ketaguide.page.shareTopic({ target: button });
    mock.timers.tick(4999);
    assert.equal(status.textContent, settings.wording.linkNotCopied);
    mock.timers.tick(1);
    assert.equal(status.textContent, "");
  } finally {
    mock.timers.reset();
  }
});

test("when copying is refused the reader is told so", async () => {
  const { ketaguide, settings, button, status } = shareable({
    clipboard: async () => {
      throw new Error("denied");
    },
  });
  await ketaguide.page.shareTopic({ target: button });
  assert.equal(status.textContent, settings.wording.linkNotCopied);
});

test("clicks elsewhere share nothing", async () => {
  const { ketaguide, copied } = shareable();
  await ketaguide.page.shareTopic({ target: element("P") });
  await ketaguide.page.shareTopic({ target: {} });
  assert.deepEqual(copied, []);
});

/** A question inside a closed section, with its heading. */
function nestedQuestion() {
  const section = element("DETAILS", { id: "section-a" });
  section.matches = (selector) => selector === "details";
  const holder = element("DIV", { parent: section });
  const question = element("DETAILS", { id: "faq-dosing", parent: holder });
  question.matches = section.matches;
  const heading = element("SUMMARY", { id: "faq-dosing-heading", parent: question });
  question.querySelector = (selector) => (selector === "summary" ? heading : null);
  const inside = element("H4", { id: "faq-dosing--risks", parent: element("DIV", { parent: question }) });
  return { section, question, heading, inside, elements: [section, holder, question, heading, inside] };
}

test("a #fragment naming a question opens it and every section around it, and focuses its heading", () => {
  const { section, question, heading, elements } = nestedQuestion();
  const { ketaguide } = open("https://guide.test/#faq-dosing", elements);
  ketaguide.page.openFragmentTarget();
  assert.equal(question.open, true);
  assert.equal(section.open, true);
  assert.equal(heading.focused, 1);
  assert.deepEqual({ ...heading.focusOptions }, { preventScroll: true });
  assert.equal(heading.scrolled, 1);
  assert.deepEqual({ ...heading.scrollOptions }, { block: "start" });
});

test("a #fragment naming a question's header opens the question as its own id does", () => {
  const { section, question, heading, elements } = nestedQuestion();
  const { ketaguide } = open("https://guide.test/#faq-dosing-heading", elements);
  ketaguide.page.openFragmentTarget();
  assert.deepEqual([section.open, question.open, heading.focused, heading.scrolled], [true, true, 1, 1]);
});

test("a #fragment naming a heading inside a question opens it and brings that heading into view", () => {
  const { section, question, heading, inside, elements } = nestedQuestion();
  const { ketaguide } = open("https://guide.test/#faq-dosing--risks", elements);
  ketaguide.page.openFragmentTarget();
  assert.deepEqual([section.open, question.open, inside.scrolled, heading.focused], [true, true, 1, 0]);
  assert.deepEqual({ ...inside.scrollOptions }, { block: "start" });
});

test("a #fragment that is malformed, unknown or outside every disclosure changes nothing", () => {
  const outside = element("H2", { id: "faq-heading" });
  for (const hash of ["#%E0%A4%A", "#nothing", "#faq-heading", "#", "#%3Cimg%20src%3Dx%3E"]) {
    const { section, question, heading, elements } = nestedQuestion();
    const { ketaguide } = open(`https://guide.test/${hash}`, [...elements, outside]);
    ketaguide.page.openFragmentTarget();
    assert.deepEqual([section.open, question.open, heading.focused, outside.scrolled], [false, false, 0, 0], hash);
  }
});

test("start listens once, says the app started, and focuses the linked topic's heading", () => {
  const heading = element("SUMMARY", { id: "topic-dosing-heading" });
  const { ketaguide, settings, document, window } = open("https://guide.test/topics/dosing", [heading]);
  const added = [];
  const capturing = [];
  for (const target of [document, window]) {
    const add = target.addEventListener.bind(target);
    target.addEventListener = (type, listener, options) => {
      added.push(type);
      if (options === true) capturing.push(type);
      add(type, listener, options);
    };
  }
  let started = 0;
  document.addEventListener(settings.dom.startedEvent, () => (started += 1));
  added.length = 0;
  ketaguide.page.start("dosing");
  ketaguide.page.start("dosing");
  assert.deepEqual(added.sort(), ["click", "hashchange", "keydown", "toggle", "toggle"]);
  assert.deepEqual(
    capturing.sort(),
    ["click", "keydown", "toggle", "toggle"],
    "toggle events do not bubble; keys and clicks are handled as they come in, before the app sees them",
  );
  assert.equal(document.documentElement.hasAttribute("data-app-started"), true);
  assert.equal(started, 2);
  assert.equal(heading.focused, 1);
  assert.deepEqual({ ...heading.focusOptions }, { preventScroll: true });
});

test("listening while the page loads opens a #fragment's target at once, and focuses it again once loaded", () => {
  const { section, question, heading, elements } = nestedQuestion();
  const { ketaguide, window } = open("https://guide.test/#faq-dosing", elements, { readyState: "loading" });
  ketaguide.page.listen();
  assert.deepEqual([section.open, question.open, heading.focused], [true, true, 1]);
  window.dispatchEvent(new Event("load"));
  assert.equal(heading.focused, 2);
  window.dispatchEvent(new Event("load"));
  assert.equal(heading.focused, 2, "once");
});

test("start opens what the address's #fragment names", () => {
  const { section, question, heading, elements } = nestedQuestion();
  const { ketaguide } = open("https://guide.test/#faq-dosing", elements);
  ketaguide.page.start("");
  assert.deepEqual([section.open, question.open, heading.focused], [true, true, 1]);
});

test("start leaves focus alone when the reader has moved it, or a #fragment or no topic is named", () => {
  for (const [address, topic, elsewhere] of [
    ["https://guide.test/topics/dosing", "dosing", true],
    ["https://guide.test/topics/dosing#faq-x", "dosing", false],
    ["https://guide.test/", "", false],
  ]) {
    const heading = element("SUMMARY", { id: "topic-dosing-heading" });
    const { ketaguide, document } = open(address, [heading]);
    if (elsewhere) document.activeElement = element("INPUT");
    ketaguide.page.start(topic);
    assert.equal(heading.focused, 0, address);
  }
});

/** The FAQ filter started on these texts, recording what it sets. */
function faqFilter(address, texts, typed = "") {
  const opened = open(address);
  const [status, input] = fixedElements(opened.settings);
  input.value = typed;
  page.document.getElementById = (id) => ({ [status.id]: status, [input.id]: input })[id] ?? null;
  const set = { query: [], shown: [], announcement: [] };
  opened.ketaguide.page.startFaqFilter(
    (value) => set.query.push(value),
    (value) => set.shown.push(value),
    (value) => set.announcement.push(value),
    texts,
  );
  return { ...opened, set, input };
}

const TEXTS = ["How long do effects last? A few hours.", "Is it addictive? Misuse is possible.", "Side effects? Some."];

test("before the FAQ filter starts, typing, Escape and the clear button change nothing", () => {
  const { ketaguide, settings, replaced } = open("https://guide.test/?q=effects");
  const [, input] = fixedElements(settings);
  page.document.getElementById = (id) => (id === input.id ? input : null);
  ketaguide.page.applyTypedQuery("misuse");
  ketaguide.page.clearQueryOnEscape("Escape");
  ketaguide.page.clearQuery();
  assert.deepEqual(replaced, []);
  assert.equal(input.focused, 1);
});

test("the filter starts on the query in the address, or on what was typed before the app started", () => {
  const fromAddress = faqFilter("https://guide.test/?q=effects", TEXTS);
  assert.deepEqual([fromAddress.set.query, fromAddress.set.shown], [["effects"], [2]]);
  const typed = faqFilter("https://guide.test/?q=effects", TEXTS, "misuse");
  assert.deepEqual([typed.set.query, typed.set.shown], [["misuse"], [1]]);
  assert.equal(typed.location.search, "?q=misuse");
  const none = faqFilter("https://guide.test/", TEXTS);
  assert.deepEqual(none.set.query, []);
});

test("typing filters at once, keeps the query in the address and announces the count once typing pauses", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const { ketaguide, settings, set, location, replaced } = faqFilter("https://guide.test/topics/a#faq-b", TEXTS);
    ketaguide.page.applyTypedQuery("e");
    ketaguide.page.applyTypedQuery("effects");
    assert.deepEqual(set.shown, [3, 2]);
    assert.equal(location.href, "https://guide.test/topics/a?q=effects#faq-b");
    assert.equal(replaced.length, 2);
    mock.timers.tick(799);
    assert.deepEqual(set.announcement, []);
    mock.timers.tick(1);
    const expected = settings.wording.faqCount.replace("{shown}", 2).replace("{total}", 3);
    assert.deepEqual(set.announcement, [expected]);
    for (const quiet of ["xyzzy", ""]) {
      ketaguide.page.applyTypedQuery(quiet);
      mock.timers.tick(800);
      assert.equal(set.announcement.at(-1), "", quiet);
    }
  } finally {
    mock.timers.reset();
  }
});

test("a long query is cut to the maximum length, and hostile text is only text", () => {
  const { ketaguide, settings, set, location } = faqFilter("https://guide.test/", TEXTS);
  ketaguide.page.applyTypedQuery("😀".repeat(500));
  assert.equal(Array.from(set.query.at(-1)).length, settings.maxQueryLength);
  ketaguide.page.applyTypedQuery('"><img src=x onerror=alert(1)>&q=2#x');
  assert.equal(new URL(location.href).searchParams.get("q"), '"><img src=x onerror=alert(1)>&q=2#x');
  assert.equal(set.shown.at(-1), 0);
});

test("Escape and the clear button empty the query; the button gives the field back its focus", () => {
  const { ketaguide, set, location, input } = faqFilter("https://guide.test/?q=effects", TEXTS);
  ketaguide.page.clearQueryOnEscape("a");
  assert.deepEqual(set.query, ["effects"]);
  ketaguide.page.clearQueryOnEscape("Escape");
  assert.deepEqual(set.query, ["effects", ""]);
  assert.equal(location.search, "");
  ketaguide.page.clearQuery();
  assert.deepEqual(set.shown.at(-1), 3);
  assert.equal(input.focused, 1);
});

test("until the app has started, the events that would make React hydrate all at once end at the window", () => {
  const { ketaguide, window, document } = open("https://guide.test/", [], { started: false });
  ketaguide.page.holdFromApp();
  const stopped = (type) => {
    const event = new Event(type);
    window.dispatchEvent(event);
    return event.cancelBubble;
  };
  const forcing = ["click", "keydown", "keyup", "input", "pointerdown", "touchstart", "paste"];
  assert.deepEqual(forcing.map(stopped), forcing.map(() => true));
  assert.deepEqual(["toggle", "scroll", "focusin"].map(stopped), [false, false, false], "React waits for these");
  document.documentElement.setAttribute(CONTRACT.attributes.started, "");
  assert.deepEqual(forcing.map(stopped), forcing.map(() => false));
});

test("show all offers to hide the sections while every one is open, however they were opened", () => {
  const sections = [element("DETAILS", { data: { section: "a" } }), element("DETAILS", { data: { section: "b" } })];
  const button = element("BUTTON", { data: { showAll: "" } });
  const { ketaguide, document } = open("https://guide.test/", [...sections, button]);
  const allOpen = () => button.hasAttribute(CONTRACT.attributes.allOpen);
  const toggled = (section) => {
    const event = new Event("toggle");
    Object.defineProperty(event, "target", { value: section });
    document.dispatchEvent(event);
  };
  ketaguide.page.listen();
  assert.equal(allOpen(), false);
  sections[0].open = true;
  toggled(sections[0]);
  assert.equal(allOpen(), false, "one section is still closed");
  sections[1].open = true;
  toggled(sections[1]);
  assert.equal(allOpen(), true);
  sections[0].open = false;
  toggled(sections[0]);
  assert.equal(allOpen(), false);
});
