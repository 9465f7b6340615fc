/* The page's side of offline reading, run once the app has started (the page's loader sees to that), when the
 * browser is idle. It registers the service worker (or, for a reader who saves data, offers to), and says in a
 * live region when the guide is saved on the device, when the reader is offline, and when it was updated. */

const WORKER = "/sw.js";

/** Starts offline reading in this window; the wording comes from the status element's data attributes, the ids
 * from the page script's DOM contract (`ketaguide.settings.dom`). */
export function start({ window, document, navigator, ketaguide }) {
  const { dom } = ketaguide.settings;
  const status = document.getElementById(dom.ids.offlineStatus);
  const save = document.getElementById(dom.ids.offlineSave);
  if (!navigator.serviceWorker || !status || !save) return;
  const words = status.dataset;
  const worker = navigator.serviceWorker;
  const updating = Boolean(worker.controller);
  // A page that a service worker controls came with the offline copy: that worker was installed only once the
  // whole guide was kept, so it is saved even when the reader is offline and nothing can be registered yet.
  const state = { saved: updating, updated: false };
  const show = () => {
    document.documentElement.toggleAttribute(dom.attributes.offline, navigator.onLine === false);
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

if (typeof document !== "undefined") (globalThis.requestIdleCallback || setTimeout)(() => start(globalThis));
