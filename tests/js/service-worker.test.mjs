// Specification of the service worker, run on its own in Node: a fake origin, Cache Storage and network.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../ketaguide_app/js/service-worker.js", import.meta.url), "utf8");
const PLACEHOLDER = 'const PRECACHE = { version: "unbuilt", files: {} }; // replaced by the build';
const ORIGIN = "https://guide.example.org";
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

class FakeCache {
  constructor() {
    this.entries = new Map();
  }
  async match(key) {
    const found = this.entries.get(new URL(key, ORIGIN).pathname);
    return found ? found.clone() : undefined;
  }
  async put(key, response) {
    this.entries.set(new URL(key, ORIGIN).pathname, response.clone());
  }
}

class FakeCacheStorage {
  constructor() {
    this.caches = new Map();
  }
  async open(name) {
    if (!this.caches.has(name)) this.caches.set(name, new FakeCache());
    return this.caches.get(name);
  }
  async keys() {
    return [...this.caches.keys()];
  }
  async delete(name) {
    return this.caches.delete(name);
  }
  async match(key) {
    for (const cache of this.caches.values()) {
      const found = await cache.match(key);
      if (found) return found;
    }
    return undefined;
  }
}

/** A network that answers from `files` (path -> body), or fails every request when `offline` is set. */
function network(files, log = []) {
  const state = { offline: false };
  const fetch = async (input) => {
    const url = new URL(typeof input === "string" ? input : input.url, ORIGIN);
    log.push(url.pathname);
    if (state.offline) throw new TypeError("Failed to fetch");
    const body = files[url.pathname];
    const response = new Response(body ?? "missing", { status: body === undefined ? 404 : 200 });
    Object.defineProperty(response, "type", { value: url.origin === ORIGIN ? "basic" : "cors" });
    return response;
  };
  return { fetch, state, log };
}

/** The built service worker for `files` in a sandbox; returns its event handlers and its world. */
function worker(files, { storage = new FakeCacheStorage(), net = network(files) } = {}) {
  const digests = Object.fromEntries(Object.entries(files).map(([path, body]) => [path, sha256(body)]));
  const version = sha256(JSON.stringify(digests)).slice(0, 16);
  const code = SOURCE.replace(PLACEHOLDER, `const PRECACHE = ${JSON.stringify({ version, files: digests })};`);
  assert.notEqual(code, SOURCE, "the placeholder is in the source");
  const handlers = {};
  const self = {
    location: new URL(ORIGIN),
    addEventListener: (type, handler) => {
      handlers[type] = handler;
    },
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  const context = { self, caches: storage, fetch: net.fetch, crypto: globalThis.crypto, URL, Response };
  vm.runInNewContext(code, context);
  const run = async (type, extra = {}) => {
    let done;
    const event = { ...extra, waitUntil: (promise) => (done = promise), respondWith: (promise) => (done = promise) };
    handlers[type](event);
    return done;
  };
  return { run, storage, net, version };
}

const FILES = {
  "/": "<h1>Guide</h1>",
  "/topics/nmda-receptors": "<h1>NMDA</h1>",
  "/404": "<h1>Page not found</h1>",
  "/assets/app-1.js": "app();",
};
const navigate = (path) => ({ request: { url: ORIGIN + path, method: "GET", mode: "navigate" } });
const get = (url) => ({ request: { url, method: "GET", mode: "cors" } });

test("installing keeps every listed file, checked against its digest", async () => {
  const { run, storage, version } = worker(FILES);
  await run("install");
  const cache = storage.caches.get(`ketaguide-${version}`);
  assert.deepEqual([...cache.entries.keys()].sort(), Object.keys(FILES).sort());
});

test("a file that differs from the list fails the install and nothing of it is used", async () => {
  const net = network({ ...FILES, "/assets/app-1.js": "tampered();" });
  const { run, storage, version } = worker(FILES, { net });
  await assert.rejects(run("install"), /app-1\.js: not the file version/);
  const cache = storage.caches.get(`ketaguide-${version}`);
  assert.equal(await cache.match("/assets/app-1.js"), undefined);
});

test("a missing file fails the install", async () => {
  const net = network({ "/": FILES["/"] });
  await assert.rejects(worker(FILES, { net }).run("install"), /answered 404/);
});

test("a redirected answer fails the install, as Cloudflare Pages' 308 from /404.html to /404 would", async () => {
  const plain = network(FILES);
  const fetch = async (input) => {
    const response = await plain.fetch(input);
    if (new URL(typeof input === "string" ? input : input.url, ORIGIN).pathname === "/404") {
      Object.defineProperty(response, "redirected", { value: true });
    }
    return response;
  };
  await assert.rejects(worker(FILES, { net: { ...plain, fetch } }).run("install"), /\/404: answered 200/);
});

test("pages come from this version's cache, whatever the query, and work offline", async () => {
  const { run, net } = worker(FILES);
  await run("install");
  net.state.offline = true;
  assert.equal(await (await run("fetch", navigate("/topics/nmda-receptors?q=x"))).text(), "<h1>NMDA</h1>");
  assert.equal(await (await run("fetch", navigate("/?q=side+effects"))).text(), "<h1>Guide</h1>");
});

test("an unknown page offline is the 404 page, with status 404", async () => {
  const { run, net } = worker(FILES);
  await run("install");
  net.state.offline = true;
  const response = await run("fetch", navigate("/topics/no-such-topic"));
  assert.equal(response.status, 404);
  assert.equal(await response.text(), "<h1>Page not found</h1>");
});

test("an unknown page online goes to the server", async () => {
  const { run, net } = worker(FILES);
  await run("install");
  const response = await run("fetch", navigate("/topics/new-topic"));
  assert.equal(response.status, 404);
  assert.equal(net.log.at(-1), "/topics/new-topic");
});

test("other origins and other methods are left to the browser", async () => {
  const { run } = worker(FILES);
  await run("install");
  assert.equal(await run("fetch", get("https://elsewhere.example/x.js")), undefined);
  assert.equal(await run("fetch", { request: { url: `${ORIGIN}/`, method: "POST", mode: "cors" } }), undefined);
});

test("nothing is cached at run time", async () => {
  const { run, storage } = worker(FILES);
  await run("install");
  const before = JSON.stringify([...storage.caches.values()].map((cache) => [...cache.entries.keys()]));
  await run("fetch", get(`${ORIGIN}/assets/not-listed.js`));
  await run("fetch", navigate("/topics/not-listed"));
  assert.equal(JSON.stringify([...storage.caches.values()].map((cache) => [...cache.entries.keys()])), before);
});

test("a new version keeps the one before it for pages still open, and drops older ones", async () => {
  const storage = new FakeCacheStorage();
  const versions = [];
  for (const script of ["app-1.js", "app-2.js", "app-3.js"]) {
    const files = { ...FILES, [`/assets/${script}`]: `${script}();` };
    const { run, version } = worker(files, { storage });
    await run("install");
    await run("activate");
    versions.push(`ketaguide-${version}`);
  }
  assert.deepEqual(await storage.keys(), versions.slice(1));
  const { run } = worker({ ...FILES, "/assets/app-3.js": "app-3.js();" }, { storage });
  assert.equal(await (await run("fetch", get(`${ORIGIN}/assets/app-2.js`))).text(), "app-2.js();");
});
