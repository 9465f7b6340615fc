/* The page's side of offline reading. Once the page has loaded and the app has started, it registers the
 * service worker (or, for a reader who saves data, offers to), and says in a live region when the guide is
 * saved on the device, when the reader is offline, and when a new version of the guide is ready. */

const WORKER = "/sw.js";
const STARTED = "ketaguide:started";

/** Starts offline reading in this window; the wording comes from the status element's data attributes. */
export function start({ window, document, navigator }) {
  const status = document.getElementById("offline-status");
  const save = document.getElementById("offline-save");
  if (!navigator.serviceWorker || !status || !save) return;
  const words = status.dataset;
  const worker = navigator.serviceWorker;
  const updating = Boolean(worker.controller);
  const state = { saved: false, updated: false };
  const show = () => {
    if (state.updated) status.textContent = words.updated;
    else if (navigator.onLine === false) status.textContent = state.saved ? words.offlineSaved : words.offline;
    else status.textContent = state.saved ? words.saved : "";
  };
  const register = () =>
    worker
      .register(WORKER, { scope: "/", updateViaCache: "none" })
      .then(() => worker.ready)
      .then(() => {
        state.saved = true;
        show();
      })
      .catch((error) => console.warn("offline copy unavailable:", error));
  worker.addEventListener("controllerchange", () => {
    state.updated = updating;
    show();
  });
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  if (navigator.connection && navigator.connection.saveData && !worker.controller) {
    save.hidden = false;
    save.addEventListener("click", () => {
      save.hidden = true;
      register();
    });
  } else if (navigator.onLine === false) {
    window.addEventListener("online", register, { once: true });
  } else {
    register();
  }
  show();
}

/** Runs `then` once the app has started (after the page has loaded), when the browser is idle. */
export function whenStarted(document, then) {
  const idle = () => (globalThis.requestIdleCallback || setTimeout)(then);
  if (document.documentElement.hasAttribute("data-app-started")) idle();
  else document.addEventListener(STARTED, idle, { once: true });
}

if (typeof document !== "undefined") whenStarted(document, () => start(globalThis));
