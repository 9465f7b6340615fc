// Specification of the page's offline module, run on its own in Node with a fake page and browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import { start } from "../../ketaguide_app/js/offline.js";
import { load } from "./browser-code.mjs";

// The page script's settings, as the site writes them: the DOM contract the offline module uses.
const { settings } = load();
const { dom } = settings;

const WORDS = { saved: "saved", offline: "offline", offlineSaved: "offline, saved", updated: "updated" };

/** A page with the status line and save button, in a browser whose service worker container is fake. */
function browser({ saveData = false, controlled = false, online = true, failing = false } = {}) {
  const status = { dataset: WORDS, textContent: "" };
  const save = new EventTarget();
  save.hidden = true;
  const worker = new EventTarget();
  worker.controller = controlled ? {} : null;
  worker.registrations = [];
  let becomeReady;
  worker.ready = new Promise((resolve) => (becomeReady = resolve));
  worker.register = async (url, options) => {
    worker.registrations.push({ url, options });
    if (failing) throw new Error("registration refused");
    return {};
  };
  const window = new EventTarget();
  const navigator = { serviceWorker: worker, onLine: online, connection: { saveData } };
  const root = { flags: new Set(), toggleAttribute: (name, on) => root.flags[on ? "add" : "delete"](name) };
  const document = {
    documentElement: root,
    getElementById: (id) => ({ [dom.ids.offlineStatus]: status, [dom.ids.offlineSave]: save })[id],
  };
  const page = { window, document, navigator, ketaguide: { settings } };
  return { page, status, save, worker, window, navigator, root, ready: becomeReady };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test("registers the service worker for the whole site, bypassing the HTTP cache for updates", async () => {
  const b = browser();
  start(b.page);
  assert.deepEqual(b.worker.registrations, [{ url: "/sw.js", options: { scope: "/", updateViaCache: "none" } }]);
  assert.equal(b.status.textContent, "");
  b.ready();
  await settle();
  assert.equal(b.status.textContent, "saved");
});

test("a reader who saves data downloads nothing until they ask", async () => {
  const b = browser({ saveData: true });
  start(b.page);
  assert.deepEqual(b.worker.registrations, []);
  assert.equal(b.save.hidden, false);
  b.save.dispatchEvent(new Event("click"));
  assert.equal(b.save.hidden, true);
  assert.equal(b.worker.registrations.length, 1);
  b.ready();
  await settle();
  assert.equal(b.status.textContent, "saved");
});

test("a reader who saves data and already has the offline copy keeps it up to date", () => {
  const b = browser({ saveData: true, controlled: true });
  start(b.page);
  assert.equal(b.worker.registrations.length, 1);
  assert.equal(b.save.hidden, true);
});

test("says when the reader is offline, and whether the guide is saved", async () => {
  const b = browser({ controlled: true });
  start(b.page);
  b.ready();
  await settle();
  b.navigator.onLine = false;
  b.window.dispatchEvent(new Event("offline"));
  assert.equal(b.status.textContent, "offline, saved");
  b.navigator.onLine = true;
  b.window.dispatchEvent(new Event("online"));
  assert.equal(b.status.textContent, "saved");
});

test("a reader offline when the page starts gets the offline copy once back online", async () => {
  const b = browser({ online: false });
  start(b.page);
  assert.equal(b.status.textContent, "offline");
  assert.deepEqual(b.worker.registrations, []);
  b.navigator.onLine = true;
  b.window.dispatchEvent(new Event("online"));
  assert.equal(b.worker.registrations.length, 1);
  b.ready();
  await settle();
  assert.equal(b.status.textContent, "saved");
});

test("a reader offline when the page opens from the offline copy is told the guide is saved", () => {
  const b = browser({ online: false, controlled: true });
  start(b.page);
  assert.equal(b.status.textContent, "offline, saved");
  assert.deepEqual(b.worker.registrations, []);
  assert.ok(b.root.flags.has(dom.attributes.offline));
});

test("a new version taking over a page says the guide was updated; the first install does not", async () => {
  const first = browser();
  start(first.page);
  first.worker.dispatchEvent(new Event("controllerchange"));
  assert.notEqual(first.status.textContent, "updated");
  const returning = browser({ controlled: true });
  start(returning.page);
  returning.ready();
  await settle();
  returning.worker.dispatchEvent(new Event("controllerchange"));
  assert.equal(returning.status.textContent, "updated");
  returning.window.dispatchEvent(new Event("offline"));
  assert.equal(returning.status.textContent, "updated");
});

test("a refused registration leaves the page as it is, with a warning for developers", async (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const b = browser({ failing: true });
  start(b.page);
  await settle();
  assert.equal(b.status.textContent, "");
  assert.equal(warn.mock.callCount(), 1);
});

test("a browser without service workers is left alone", () => {
  const b = browser();
  delete b.navigator.serviceWorker;
  start(b.page);
  assert.equal(b.status.textContent, "");
  assert.equal(b.save.hidden, true);
});

test("marks the page offline while it is, so links out of the guide say they need a connection", () => {
  const b = browser({ online: false });
  start(b.page);
  assert.ok(b.root.flags.has(dom.attributes.offline));
  b.navigator.onLine = true;
  b.window.dispatchEvent(new Event("online"));
  assert.ok(!b.root.flags.has(dom.attributes.offline));
  b.navigator.onLine = false;
  b.window.dispatchEvent(new Event("offline"));
  assert.ok(b.root.flags.has(dom.attributes.offline));
});
