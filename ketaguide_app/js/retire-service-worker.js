/* Retires KetaGuide's service worker: deploy this file as /sw.js to remove the offline copy from every
 * reader's device (its caches, then the worker itself) and reload their open pages from the network. */
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) =>
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(keys.filter((key) => key.startsWith("ketaguide-")).map((key) => caches.delete(key)));
      await self.registration.unregister();
      const pages = await self.clients.matchAll({ type: "window" });
      await Promise.all(pages.map((page) => page.navigate(page.url)));
    })(),
  ),
);
