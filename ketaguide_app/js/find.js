/* The guide's search, in the reader's browser alone: the field at the top of every page looks in the
 * introduction, every section, topic, question and the conclusion, by the matching rule of search.js, over an
 * index the build wrote (KETAGUIDE_SETTINGS.searchIndex, fetched once, on first use, and kept offline). Results
 * are links that open their topic or question with the words marked there; the query stays in the address
 * (`?s=`). It runs from the first paint (`listen`), before the app has started, and builds every element with
 * DOM methods, so nothing the reader types becomes markup. */
ketaguide.find = (() => {
  const settings = KETAGUIDE_SETTINGS;
  const { ids, classes } = settings.dom;
  const wording = settings.wording;
  const search = ketaguide.search;
  const PARAMETER = "s";
  // Words of context on each side of the first match in a result's snippet.
  const CONTEXT_WORDS = 8;
  const ADDRESS_DELAY_MS = 300;
  // Results drawn in the keystroke itself; the others follow once it has painted.
  const FIRST_RESULTS = 4;
  const state = {
    documents: null,
    loading: null,
    listening: false,
    announceTimer: 0,
    addressTimer: 0,
    shown: false,
    drawn: 0,
    arrivedAt: null,
  };

  const element = (id) => document.getElementById(id);
  const field = () => element(ids.search);

  /** A new element with a class and children (strings become text). */
  const make = (tag, className, ...children) => {
    const made = document.createElement(tag);
    if (className) made.className = className;
    made.append(...children);
    return made;
  };

  /** The text as runs of plain text and <mark>s of the query's words. */
  const marked = (query, text) =>
    search.segments(query, text).map(([part, hit]) => (hit ? make("mark", "", part) : document.createTextNode(part)));

  /** Fetches the index once; shows the results for what the field holds once it is there. */
  const load = () => {
    state.loading ??= fetch(settings.searchIndex)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((index) => {
        state.documents = index.documents;
        if (state.shown) show(field().value);
      })
      .catch(() => {
        state.loading = null;
        element(ids.searchStatus).textContent = wording.searchUnavailable;
      });
    return state.loading;
  };

  /** The query in the address bar (`?s=`), without a history entry, once typing pauses (changing the address
   * costs more than a search; a result's link carries the query itself). */
  const keepInAddress = (query) => {
    clearTimeout(state.addressTimer);
    state.addressTimer = setTimeout(() => {
      const url = new URL(location.href);
      if (query) url.searchParams.set(PARAMETER, query);
      else url.searchParams.delete(PARAMETER);
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }, ADDRESS_DELAY_MS);
  };

  /** A text fragment that finds the first matched word of a text (after the words before it), for browsers. */
  const textDirective = (query, text) => {
    const runs = search.segments(query, text);
    const at = runs.findIndex(([, hit]) => hit);
    if (at < 0) return "";
    const encode = (words) => encodeURIComponent(words).replace(/-/g, "%2D").replace(/,/g, "%2C");
    const before = runs
      .slice(Math.max(0, at - 4), at)
      .map(([part]) => part)
      .join("")
      .trim();
    return `:~:text=${before ? `${encode(before)}-,` : ""}${encode(runs[at][0])}`;
  };

  /** Where a result opens: its page, the query, its element, and a text fragment for its first match. */
  const resultAddress = (query, document) => {
    const directive = textDirective(query, document.body) || textDirective(query, document.title);
    return `${document.href}?${PARAMETER}=${encodeURIComponent(query)}#${document.target}${directive}`;
  };

  /** A few words around the body's first match (or its first words), with the matches marked. */
  const snippet = (query, body) => {
    const words = body.split(" ");
    const at = Math.max(0, words.findIndex((word) => search.segments(query, word).some(([, hit]) => hit)));
    const start = Math.max(0, at - CONTEXT_WORDS);
    const end = Math.min(words.length, at + CONTEXT_WORDS + 1);
    const text = `${start > 0 ? "… " : ""}${words.slice(start, end).join(" ")}${end < words.length ? " …" : ""}`;
    return make("span", classes.resultSnippet, ...marked(query, text));
  };

  /** One result: a link naming the title, the kind and place, and a snippet. */
  const result = (query, document) => {
    const link = make(
      "a",
      "",
      make("span", classes.resultTitle, ...marked(query, document.title)),
      make("span", classes.resultPlace, document.place),
    );
    if (document.body) link.append(snippet(query, document.body));
    link.href = resultAddress(query, document);
    return make("li", "", link);
  };

  /** The results as a list: the first few at once, the rest after the next paint (unless the query changed). */
  const resultList = (query, found) => {
    const list = make("ul", "", ...found.slice(0, FIRST_RESULTS).map((each) => result(query, each)));
    const drawn = (state.drawn += 1);
    if (found.length > FIRST_RESULTS) {
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (drawn === state.drawn) list.append(...found.slice(FIRST_RESULTS).map((each) => result(query, each)));
        }),
      );
    }
    return list;
  };

  /** "No results for …", and a link to the closest query the guide can answer. */
  const nothingFound = (query) => {
    const said = make("p", "", wording.searchNone.replace("{query}", () => query));
    const better = search.suggestion(query, state.documents);
    if (better) {
      const link = make("a", "", better);
      link.href = `?${PARAMETER}=${encodeURIComponent(better)}`;
      link.dataset.suggestion = better;
      const [before, after] = wording.searchDidYouMean.split("{suggestion}");
      said.append(" ", before, link, after);
    }
    return said;
  };

  /** Says the number of results once typing pauses (screen readers hear it once, not at every keystroke). */
  const announce = (text) => {
    clearTimeout(state.announceTimer);
    state.announceTimer = setTimeout(() => {
      element(ids.searchStatus).textContent = text;
    }, 800);
  };

  /** Shows the results for a query (once the index is there) and keeps the query in the address. */
  const show = (typed) => {
    const query = search.trimmed(typed);
    const list = element(ids.searchResults);
    state.shown = true;
    keepInAddress(query);
    if (!search.queryWords(query).length) {
      list.replaceChildren();
      announce("");
      return;
    }
    if (!state.documents) {
      load();
      return;
    }
    const found = search.results(query, state.documents);
    list.replaceChildren(found.length ? resultList(query, found) : nothingFound(query));
    const count = found.length === 1 ? wording.searchOneResult : wording.searchResults.replace("{count}", found.length);
    announce(found.length ? count : wording.searchNone.replace("{query}", () => query));
  };

  /** On a page opened from a result: the query in the field, its words marked in the element it opened on and
   * that element's first mark in view; the results themselves wait until the reader comes back to the field. */
  const arrive = () => {
    const query = search.trimmed(new URLSearchParams(location.search).get(PARAMETER) ?? "");
    if (!query) return;
    if (!field().value) field().value = query;
    const id = ketaguide.page.fragmentId();
    const target = id && element(id);
    if (!target) {
      show(field().value);
      return;
    }
    for (const body of target.querySelectorAll(settings.dom.markable)) ketaguide.page.markIn(body, query);
    state.arrivedAt = target;
    showFirstMark();
  };

  /** The first word marked where a result opened, brought into view (again, after whatever scrolled away). */
  const showFirstMark = () => {
    const first = state.arrivedAt && state.arrivedAt.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
  };

  /** Typing, Escape, a suggestion or the magnifier's link: each on the whole document, from the first paint. */
  const onInput = (event) => {
    if (event.target.id === ids.search) show(event.target.value);
  };
  const onKey = (event) => {
    if (event.target.id !== ids.search || event.key !== "Escape" || !event.target.value) return;
    event.preventDefault();
    event.target.value = "";
    show("");
  };
  const onFocus = (event) => {
    if (event.target.id !== ids.search) return;
    load();
    if (!state.shown) show(event.target.value);
  };
  const onClick = (event) => {
    const suggestion = event.target.closest && event.target.closest("[data-suggestion]");
    const toSearch = event.target.closest && event.target.closest(`.${classes.toSearch}`);
    if (!suggestion && !toSearch) return;
    event.preventDefault();
    if (suggestion) field().value = suggestion.dataset.suggestion;
    field().focus({ preventScroll: true });
    field().scrollIntoView({ block: "center" });
    if (suggestion) show(field().value);
  };

  /** Listens once, however often it is called; applies a query the address brought. */
  const listen = () => {
    if (state.listening) return;
    state.listening = true;
    window.addEventListener("input", onInput, true);
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("focusin", onFocus, true);
    window.addEventListener("click", onClick, true);
    arrive();
    // The browser's own move to the #fragment once the page is parsed, and the router's scroll restoration as the
    // app starts, may scroll elsewhere: bring the first mark back into view after each.
    if (document.readyState !== "complete") window.addEventListener("load", showFirstMark, { once: true });
    document.addEventListener(settings.dom.startedEvent, showFirstMark, { once: true });
  };

  return { load, show, arrive, resultAddress, textDirective, listen };
})();
