/* The preview's script, which only the preview server adds to its pages (the published site never has it). It hears
 * of each rebuild over server-sent events: a new build reloads the page where the reader was (the disclosures they
 * had open, the scroll position); a mistake is shown over the last good page until a save fixes it. Its names and
 * wording come from its tag's `data-preview` (ketaguide_app/preview/server.py). */
(() => {
  const settings = JSON.parse(document.currentScript.dataset.preview);

  /** Where the reader is: the page, the disclosures open, how far down. */
  const here = () => ({
    path: location.pathname,
    open: [...document.querySelectorAll("details[id]")].filter((details) => details.open).map((details) => details.id),
    y: window.scrollY,
  });

  /** Where the reader was on this page before the preview reloaded it, once. */
  const taken = () => {
    try {
      const place = JSON.parse(sessionStorage.getItem(settings.placeStore) || "null");
      sessionStorage.removeItem(settings.placeStore);
      return place && place.path === location.pathname ? place : null;
    } catch {
      return null;
    }
  };

  /** Opens and closes the disclosures as they were, then scrolls to where the reader was. */
  const putBack = (place) => {
    for (const details of document.querySelectorAll("details[id]")) {
      const open = place.open.includes(details.id);
      if (details.open === open) continue;
      if (open) details.setAttribute(settings.restored, "");
      details.open = open;
    }
    window.scrollTo(0, place.y);
  };

  /** The box over the page that shows the mistake, made on first use. */
  const box = () => {
    const found = document.getElementById(settings.overlay);
    if (found) return found;
    const overlay = document.createElement("div");
    overlay.id = settings.overlay;
    overlay.setAttribute("role", "alert");
    Object.assign(overlay.style, {
      position: "fixed",
      insetInline: "0",
      top: "0",
      zIndex: "2147483647",
      maxHeight: "50vh",
      overflow: "auto",
      padding: "0.75rem 1rem",
      background: "#7a0010",
      color: "#ffffff",
      font: "1rem/1.4 system-ui, sans-serif",
      boxShadow: "0 2px 8px rgba(0, 0, 0, 0.5)",
    });
    const heading = document.createElement("strong");
    heading.textContent = settings.heading;
    const message = document.createElement("pre");
    Object.assign(message.style, { margin: "0.5rem 0 0", whiteSpace: "pre-wrap", font: "0.9rem/1.4 monospace" });
    overlay.append(heading, message);
    document.body.append(overlay);
    return overlay;
  };

  const show = (error) => {
    if (error) box().querySelector("pre").textContent = error;
    else document.getElementById(settings.overlay)?.remove();
  };

  const place = taken();
  if (place) {
    putBack(place);
    window.addEventListener("load", () => window.scrollTo(0, place.y), { once: true });
  }
  const events = new EventSource(settings.events);
  events.onmessage = (event) => {
    const status = JSON.parse(event.data);
    if (status.version === settings.version) {
      show(status.error);
      return;
    }
    events.close();
    try {
      sessionStorage.setItem(settings.placeStore, JSON.stringify(here()));
    } catch {
      // Storage may be off: the page still shows the new build, from its top.
    }
    location.reload();
  };
})();
