/* KetaGuide's service worker: the whole guide on the reader's device, one complete version at a time.
 *
 * The build writes the list of files and the SHA-256 of each into PRECACHE. Installing a version fetches
 * every file and checks its digest, so a version is either complete and consistent or not installed at all
 * (the previous one keeps working). Pages are then answered from the cache first; nothing is cached at
 * run time, and requests to other origins are left to the browser. */
const PRECACHE = { version: "unbuilt", files: {} }; // replaced by the build
const PREFIX = "ketaguide-";
const CACHE = PREFIX + PRECACHE.version;
// The 404 page by its clean address (paths.NOT_FOUND_ADDRESS): a host may redirect /404.html there.
const NOT_FOUND_PAGE = "/404";
// Content-hashed files never change under their name, so the HTTP cache may answer for them.
const HASHED = "/assets/";

async function digest(buffer) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function fetchChecked(path, expected) {
  const response = await fetch(path, { cache: path.startsWith(HASHED) ? "default" : "no-cache" });
  if (!response.ok || response.redirected || response.type !== "basic") {
    throw new Error(`${path}: answered ${response.status} ${response.type}`);
  }
  if ((await digest(await response.clone().arrayBuffer())) !== expected) {
    throw new Error(`${path}: not the file version ${PRECACHE.version} lists`);
  }
  return response;
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    Object.entries(PRECACHE.files).map(async ([path, expected]) => {
      if (!(await cache.match(path))) await cache.put(path, await fetchChecked(path, expected));
    }),
  );
}

// Keeps this version and the one before it (pages it served may still ask for their scripts); drops the rest.
async function dropOldVersions() {
  const older = (await caches.keys()).filter((key) => key.startsWith(PREFIX) && key !== CACHE);
  await Promise.all(older.slice(0, -1).map((key) => caches.delete(key)));
}

async function page(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(new URL(request.url).pathname);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    const notFound = await cache.match(NOT_FOUND_PAGE);
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, statusText: "Not Found", headers: notFound.headers });
  }
}

async function file(request) {
  const path = new URL(request.url).pathname;
  const cached = (await (await caches.open(CACHE)).match(path)) || (await caches.match(path));
  return cached || fetch(request);
}

function respond(request) {
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return null;
  return request.mode === "navigate" ? page(request) : file(request);
}

self.addEventListener("install", (event) => event.waitUntil(precache().then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(dropOldVersions().then(() => self.clients.claim())));
self.addEventListener("fetch", (event) => {
  const response = respond(event.request);
  if (response) event.respondWith(response);
});
