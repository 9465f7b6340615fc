/* Reading aids, run once the app has started. The sections, topics and questions a reader had open come back
 * after a reload or a return in the same tab (a link to one topic still opens exactly that topic), and deep
 * inside a long open section two small controls lead back to the section's header and to the top. */

/* The DOM contract comes with the page script's settings (`ketaguide.settings.dom`, from ketaguide_app/dom.py).
 * The page's address-bar logic leaves alone the disclosures reopened here (its `restored` attribute), as the reader
 * did not just open them. */

/** The ids of the open disclosures. */
function openIds(document) {
  return [...document.querySelectorAll("details[id][open]")].map((details) => details.id);
}

/** Opens the disclosures the tab had open, as far as the page still has them. */
export function restore(document, storage, dom) {
  let ids = [];
  try {
    ids = JSON.parse(storage.getItem(dom.openStore) || "[]");
  } catch {
    return;
  }
  for (const id of Array.isArray(ids) ? ids : []) {
    const details = document.getElementById(String(id));
    if (details && details.tagName === "DETAILS" && !details.open) {
      details.setAttribute(dom.attributes.restored, "");
      details.open = true;
    }
  }
}

/** Keeps the open disclosures for the tab, and brings them back on a reload, a return, or the home page.
 * Each toggle is saved, and the page saves once more as it is left, in case the last toggle's event had not
 * yet been handled (a tap on a header, then at once on a link). */
export function remember({ window, document, location, performance, sessionStorage, ketaguide }) {
  const { dom } = ketaguide.settings;
  const navigation = performance.getEntriesByType("navigation")[0];
  const returning = Boolean(navigation) && ["reload", "back_forward"].includes(navigation.type);
  if (returning || location.pathname === "/") restore(document, sessionStorage, dom);
  const save = () => {
    try {
      sessionStorage.setItem(dom.openStore, JSON.stringify(openIds(document)));
    } catch {
      // Storage may be off or full: the page works as before, it just forgets.
    }
  };
  document.addEventListener("toggle", save, true);
  window.addEventListener("pagehide", save);
  save();
}

/** Shows the controls back to the section's header and to the top while the reader is deep inside a section. */
export function guide({ window, document, ketaguide }) {
  const { dom } = ketaguide.settings;
  const controls = document.getElementById(dom.ids.jump);
  if (!controls) return;
  const [toSection, toTop] = controls.querySelectorAll("button");
  let header = null;
  let moved = false; // where a link landed, the page is as the reader found it: no controls yet
  const update = () => {
    const middle = window.innerHeight / 2;
    const sections = [...document.querySelectorAll(`details[${dom.attributes.section}][open]`)];
    const current = sections.find((section) => {
      const box = section.getBoundingClientRect();
      return box.top < 0 && box.bottom > middle;
    });
    header = current ? current.querySelector("summary") : null;
    controls.hidden = !moved || !header || header.getBoundingClientRect().bottom > 0;
  };
  toSection.addEventListener("click", () => {
    if (!header) return;
    header.scrollIntoView({ block: "start" });
    header.focus({ preventScroll: true });
    update();
  });
  toTop.addEventListener("click", () => {
    window.scrollTo(0, 0);
    document.getElementById(dom.ids.guideTitle)?.focus({ preventScroll: true });
    update();
  });
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      update();
    });
  };
  window.addEventListener(
    "scroll",
    () => {
      moved = true;
      soon();
    },
    { passive: true },
  );
  window.addEventListener("resize", soon);
  document.addEventListener("toggle", soon, true);
  update();
}

if (typeof document !== "undefined") {
  remember(globalThis);
  guide(globalThis);
}
