/* What the guide's page does in the reader's browser alone, with no server: moving between headers with the
 * keys, showing or hiding every section, keeping the address bar on the open topic, sharing a topic, opening
 * what a #fragment names, and applying the FAQ filter's query. The page loads this code (with search.js) once it has
 * painted, so the keys, show all, sharing and #fragments work before the app starts (`listen`); until then
 * the controls that need it are not shown (`pageReady`). The app,
 * once started, calls the rest from its handlers. State is kept here, in `ketaguide.page`; settings come from
 * KETAGUIDE_SETTINGS. */
ketaguide.page = (() => {
  const settings = KETAGUIDE_SETTINGS;
  const dom = settings.dom;
  const { attributes } = dom;
  /** The elements that carry an attribute of the contract. */
  const carrying = (attribute, tag = "") => `${tag}[${attribute}]`;
  /** The value of a `data-*` attribute of the contract, through the element's dataset. */
  const data = (element, attribute) =>
    element.dataset && element.dataset[attribute.slice(5).replace(/-(\w)/g, (_, letter) => letter.toUpperCase())];
  const state = { listening: false, shareTimer: 0, announceTimer: 0, pendingPath: null, applyQuery: () => {} };

  /** Opens every section, or closes them all when every one is already open. */
  const showOrHideAllSections = () => {
    const sections = [...document.querySelectorAll(carrying(attributes.section, "details"))];
    const open = !sections.every((section) => section.open);
    sections.forEach((section) => {
      section.open = open;
    });
  };

  /** Marks "Show all sections" while every section is open, so that it offers to hide them (a stylesheet rule
   * with `:has()` would do it too, but makes the browser look through the whole guide at every change). */
  const labelShowAll = () => {
    const sections = [...document.querySelectorAll(carrying(attributes.section, "details"))];
    const open = sections.every((section) => section.open);
    for (const button of document.querySelectorAll(carrying(attributes.showAll, "button"))) {
      button.toggleAttribute(attributes.allOpen, open);
    }
  };

  /** After a section opens or closes, however it did. */
  const followSections = (event) => {
    if (data(event.target, attributes.section)) labelShowAll();
  };

  /** Whether a header is rendered: not inside a closed disclosure (other than its own), nor hidden. Safari
   * before 17.4 has no `checkVisibility()`; there, every disclosure around the header must be open and the
   * header must have a layout box. */
  const shown = (head) => {
    if (head.checkVisibility) return head.checkVisibility();
    const own = head.parentElement;
    for (let at = own && own.parentElement; at; at = at.parentElement) {
      if (at.tagName === "DETAILS" && !at.open) return false;
    }
    return head.getClientRects().length > 0;
  };

  /** Up/Down move between the visible headers of one list, Home/End to the first/last (WAI-ARIA pattern). */
  const moveBetweenHeaders = (event) => {
    const moves = ["ArrowDown", "ArrowUp", "Home", "End"];
    const list = event.target.closest && event.target.closest(carrying(attributes.headers));
    if (!moves.includes(event.key) || event.target.tagName !== "SUMMARY" || !list) return;
    const heads = [...list.querySelectorAll("summary")].filter(shown);
    const at = heads.indexOf(event.target);
    const count = heads.length;
    const next = {
      ArrowDown: heads[(at + 1) % count],
      ArrowUp: heads[(at - 1 + count) % count],
      Home: heads[0],
      End: heads[count - 1],
    }[event.key];
    event.preventDefault();
    next.focus();
  };

  /** The address the bar should show, now or, before the app has started, once it has: React Router reads the
   * address as the app starts, and a page started under another page's address is drawn anew, without the text of
   * its bodies (the app's copy of them is empty). */
  const showAddress = (path) => {
    if (!document.documentElement.hasAttribute(attributes.started)) {
      state.pendingPath = path;
      return;
    }
    if (location.pathname !== path) history.replaceState(history.state, "", path);
  };

  /** Keeps the address bar on the open topic (or the home page once it closes), without history entries.
   * A topic the page reopened for the reader (reading.js marks it) leaves the address as it is. */
  const followOpenTopic = (event) => {
    const topic = data(event.target, attributes.topic);
    if (!topic) return;
    if (event.target.hasAttribute(attributes.restored)) {
      event.target.removeAttribute(attributes.restored);
      return;
    }
    const path = settings.topicsPrefix + topic;
    const shown = state.pendingPath ?? location.pathname;
    if (event.target.open) {
      if (shown !== path) showAddress(path);
    } else if (shown === path) {
      showAddress(settings.homePath);
    }
  };

  /** Says something in the share status for a few seconds. */
  const say = (text) => {
    const status = document.getElementById(dom.ids.shareStatus);
    status.textContent = text;
    clearTimeout(state.shareTimer);
    state.shareTimer = setTimeout(() => {
      status.textContent = "";
    }, 5000);
  };

  /** A share button opens the phone's share sheet, or copies the topic's address and confirms it. */
  const shareTopic = async (event) => {
    const button = event.target.closest && event.target.closest(carrying(attributes.share, "button"));
    if (!button) return;
    const title = button.closest("details").querySelector("summary h3").firstChild.textContent;
    const url = new URL(settings.topicsPrefix + data(button, attributes.share), location.origin).href;
    if (navigator.share) {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        if (error.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      say(settings.wording.linkCopied.replace("{title}", () => title));
    } catch {
      say(settings.wording.linkNotCopied);
    }
  };

  /** The id the address's #fragment names, or "" (a malformed escape names none). Where the browser keeps a text
   * fragment's directive in the address, it is no part of the id. */
  const fragmentId = () => {
    try {
      return decodeURIComponent(location.hash.slice(1).split(":~:")[0]);
    } catch {
      return "";
    }
  };

  /** Opens the question, topic or heading inside one that the address's #fragment names, and brings it into view
   * (a question's or topic's own heading gets the focus). */
  const openFragmentTarget = () => {
    const id = fragmentId();
    const target = id && document.getElementById(id);
    const details = target && (target.tagName === "DETAILS" ? target : target.closest("details"));
    if (!details) return;
    for (let open = details; open; open = open.parentElement && open.parentElement.closest("details")) open.open = true;
    if (target !== details && target.tagName !== "SUMMARY") {
      target.scrollIntoView({ block: "start" });
      return;
    }
    const heading = details.querySelector("summary");
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  };

  /** A click on "Show all sections" or on a share button (one listener for the whole page). */
  const onClick = (event) => {
    if (event.target.closest && event.target.closest(carrying(attributes.showAll, "button"))) showOrHideAllSections();
    else shareTopic(event);
  };

  /** As soon as the page is parsed, before the app starts: the keys, show all, sharing and the address bar work,
   * and a #fragment's target opens. Listens once, however often it is called, first of all (on the window, as
   * the event comes in), so that `holdFromApp` can stop an event after the page has handled it. */
  const listen = () => {
    if (state.listening) return;
    state.listening = true;
    document.documentElement.setAttribute(attributes.pageReady, "");
    window.addEventListener("keydown", moveBetweenHeaders, true);
    document.addEventListener("toggle", followOpenTopic, true);
    document.addEventListener("toggle", followSections, true);
    labelShowAll();
    window.addEventListener("click", onClick, true);
    window.addEventListener("hashchange", openFragmentTarget);
    openFragmentTarget();
    // The browser's own move to the #fragment, once the page is parsed, takes the focus back: give it again.
    if (document.readyState !== "complete") window.addEventListener("load", openFragmentTarget, { once: true });
  };

  /** The events on which React, while it hydrates the page, finishes hydrating all of it at once, in the task of
   * that one tap or keystroke (react-dom's `discreteReplayableEvents`). */
  const hydratingAtOnce = ("mousedown mouseup touchcancel touchend touchstart auxclick dblclick pointercancel " +
    "pointerdown pointerup dragend dragstart drop compositionend compositionstart keydown keypress keyup input " +
    "textInput copy cut paste click change contextmenu reset").split(" ");

  /** Until the app has started, those events end at the window once the page's own handlers have run: the page
   * does all a reader asks of it until then (the app reads what was typed as it starts), so a tap or keystroke
   * while React hydrates waits for no more than that. Call it after every other `listen`. */
  const holdFromApp = () => {
    const hold = (event) => {
      if (!document.documentElement.hasAttribute(attributes.started)) event.stopPropagation();
    };
    hydratingAtOnce.forEach((type) => window.addEventListener(type, hold, true));
  };

  /** On start: listen (if the page has not already), focus the linked topic's heading, say the app started.
   * The topic is open and in view already; focus moves only if the reader has not put it elsewhere. */
  const start = (openTopic) => {
    listen();
    document.documentElement.setAttribute(attributes.started, "");
    if (state.pendingPath !== null) showAddress(state.pendingPath);
    state.pendingPath = null;
    document.dispatchEvent(new Event(dom.startedEvent));
    if (!openTopic || location.hash || document.activeElement !== document.body) return;
    document.getElementById(dom.ids.topicHeading.replace("{slug}", openTopic)).focus({ preventScroll: true });
  };

  /** Marks the query's words in the text under `root`, inside emphasis, links and lists alike: each text node is
   * split into runs of text and <mark>s, so no markup is ever made from what the reader typed. Marks made before
   * go first; interface wording and sources are never marked. */
  const markIn = (root, query) => {
    for (const mark of root.querySelectorAll("mark")) mark.replaceWith(...mark.childNodes);
    root.normalize();
    if (!ketaguide.search.queryWords(query).length) return;
    const texts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (!walker.currentNode.parentElement.closest(dom.unmarked)) texts.push(walker.currentNode);
    for (const text of texts) {
      const runs = ketaguide.search.segments(query, text.data);
      if (!runs.some(([, hit]) => hit)) continue;
      text.replaceWith(
        ...runs.map(([part, hit]) => {
          if (!hit) return document.createTextNode(part);
          const mark = document.createElement("mark");
          mark.textContent = part;
          return mark;
        }),
      );
    }
  };

  /** Marks the FAQ filter's query in each question and answer. */
  const highlight = (query) => {
    for (const root of document.querySelectorAll(carrying(attributes.searched))) markIn(root, query);
  };

  /** On the FAQ panel's start: how a query is applied, then what was typed before the app started, or `?q=`.
   * Applying a query filters at once, keeps it in the address bar without a history entry, and announces the
   * count to screen readers once typing pauses. */
  const startFaqFilter = (setQuery, setShown, setAnnouncement, texts) => {
    state.applyQuery = (text) => {
      const value = ketaguide.search.trimmed(text);
      const shown = ketaguide.search.count(value, texts);
      setQuery(value);
      setShown(shown);
      highlight(value);
      const url = new URL(location.href);
      if (value) url.searchParams.set("q", value);
      else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      const counted = settings.wording.faqCount.replace("{shown}", shown).replace("{total}", texts.length);
      clearTimeout(state.announceTimer);
      state.announceTimer = setTimeout(() => setAnnouncement(value && shown ? counted : ""), 800);
    };
    const typed = document.getElementById(dom.ids.faqInput).value;
    const value = typed || new URLSearchParams(location.search).get("q");
    if (value) state.applyQuery(value);
  };

  /** Reflex hands an input's change handler the new value, and a key handler the key's name. */
  const applyTypedQuery = (text) => state.applyQuery(text);
  const clearQueryOnEscape = (key) => {
    if (key === "Escape") state.applyQuery("");
  };
  const clearQuery = () => {
    state.applyQuery("");
    document.getElementById(dom.ids.faqInput).focus();
  };

  return {
    showOrHideAllSections,
    labelShowAll,
    moveBetweenHeaders,
    followOpenTopic,
    shareTopic,
    fragmentId,
    openFragmentTarget,
    onClick,
    listen,
    holdFromApp,
    start,
    startFaqFilter,
    markIn,
    highlight,
    applyTypedQuery,
    clearQueryOnEscape,
    clearQuery,
  };
})();
