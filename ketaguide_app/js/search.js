/* The matching rule of the FAQ filter and of the guide's search: the site's only implementation of it.
 * Text and query are folded the same way: lowercase, without accents or other marks, compatibility forms made
 * plain (ﬁ is fi, Ｗ is w), final sigma as sigma, and everything but letters and digits turned into single spaces.
 * A text matches when every word of the query fits a word of the text: the text's word holds it (so a word
 * matches as it is being typed), or both have the same English stem ("treatments", "treatment"), or, for a query
 * word of five letters or more, the text's word begins with it but for one typo (a letter wrong, missing, extra
 * or two swapped). A query counts up to KETAGUIDE_SETTINGS.maxQueryLength characters (an emoji is one). */
ketaguide.search = (() => {
  const LETTERS_AND_DIGITS = /[^\p{L}\p{N}]+/gu;
  const MARKS = /\p{M}/gu;
  const ENGLISH_WORD = /^[a-z]+$/;
  // The shortest query word a typo is forgiven in (shorter words would match too many others).
  const TYPO_LENGTH = 5;
  const folded = new Map();

  /** The text as matching sees it. */
  const normalize = (text) =>
    String(text ?? "")
      .normalize("NFKD")
      .toLowerCase()
      .normalize("NFKD")
      .replace(MARKS, "")
      .replace(/ς/g, "σ")
      .replace(LETTERS_AND_DIGITS, " ")
      .trim();

  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

  /** The query as far as it counts, with a lone half of a surrogate pair (which no address can hold) as U+FFFD. */
  const trimmed = (query) =>
    Array.from(String(query ?? "").replace(LONE_SURROGATE, "\ufffd"))
      .slice(0, KETAGUIDE_SETTINGS.maxQueryLength)
      .join("");

  /** The words of a query that must all match. */
  const queryWords = (query) => normalize(trimmed(query)).split(" ").filter(Boolean);

  /** A cache that forgets everything once it holds `limit` keys (a page's texts are few; queries are not). */
  const remembered = (limit) => {
    const known = new Map();
    return (key, make) => {
      if (known.has(key)) return known.get(key);
      if (known.size >= limit) known.clear();
      const value = make();
      known.set(key, value);
      return value;
    };
  };
  const stemOfWord = remembered(20_000);

  /** A folded word's English stem (words of other scripts are their own stem), remembered. */
  const stem = (word) => stemOfWord(word, () => (ENGLISH_WORD.test(word) ? ketaguide.stem(word) : word));

  /** A word as its letters: the string itself, or its code points where it holds letters beyond 16 bits. */
  const letters = (word) => (/[\ud800-\udfff]/.test(word) ? Array.from(word) : word);

  /** Whether `token` begins with `word` but for at most one letter wrong, missing, extra, or two swapped. */
  const nearPrefix = (typed, text) => {
    const word = letters(typed);
    const token = letters(text);
    let at = 0;
    while (at < word.length && word[at] === token[at]) at += 1;
    if (at === word.length) return true;
    const restFrom = (inWord, inToken) => {
      for (let i = inWord, j = inToken; i < word.length; i += 1, j += 1) if (word[i] !== token[j]) return false;
      return true;
    };
    const swapped = word[at] === token[at + 1] && word[at + 1] === token[at] && restFrom(at + 2, at + 2);
    return restFrom(at + 1, at + 1) || restFrom(at, at + 1) || restFrom(at + 1, at) || swapped;
  };

  const fitsOfWord = remembered(256);
  const bestOfWord = remembered(256);
  const wordsOfPart = remembered(20_000);

  /** A query word as matching uses it: its stem, whether a typo is forgiven in it, and its fits so far. */
  const queryWord = (word) =>
    fitsOfWord(word, () => ({ stem: stem(word), typos: Array.from(word).length >= TYPO_LENGTH, fits: new Map() }));

  /** How well a word of a text fits a (folded) query word: 3 holds it, 2 same stem, 1 a typo, 0 not at all. */
  const quality = (word, token) => {
    if (token.includes(word)) return 3;
    const known = queryWord(word);
    if (stem(token) === known.stem) return 2;
    return known.typos && nearPrefix(word, token) ? 1 : 0;
  };

  /** `quality`, remembered per query word (typing changes one word at a time; the texts' words repeat). */
  const fit = (word, token) => {
    const { fits } = queryWord(word);
    if (!fits.has(token)) fits.set(token, quality(word, token));
    return fits.get(token);
  };

  /** A text folded once and split into its distinct words, then remembered (texts do not change on a page). */
  const haystack = (text) => {
    if (!folded.has(text)) folded.set(text, [...new Set(normalize(text).split(" ").filter(Boolean))]);
    return folded.get(text);
  };

  /** How well the text's best word fits the query word (0: none does), remembered. */
  const bestFit = (word, text) => {
    const known = bestOfWord(word, () => new Map());
    if (known.has(text)) return known.get(text);
    let best = 0;
    for (const token of haystack(text)) if ((best = Math.max(best, fit(word, token))) === 3) break;
    known.set(text, best);
    return best;
  };

  /** Whether every word of the query fits a word of the text (an empty query matches everything). */
  const matches = (query, text) => queryWords(query).every((word) => bestFit(word, text) > 0);

  /** How many of the texts match. */
  const count = (query, texts) => texts.filter((text) => matches(query, text)).length;

  /** Whether a run of letters is one the query's words fit (so it is highlighted). */
  const marked = (words, part) => {
    const tokens = wordsOfPart(part, () => normalize(part).split(" ").filter(Boolean));
    return words.some((word) => tokens.some((token) => fit(word, token) > 0));
  };

  /** The text in runs of letters and others, each marked when a word of the query fits it (for highlighting). */
  const segments = (query, text) => {
    const words = queryWords(query);
    const whole = String(text ?? "");
    if (!words.length) return [[whole, false]];
    return whole
      .split(/([\p{L}\p{N}\p{M}]+)/u)
      .filter(Boolean)
      .map((part) => [part, marked(words, part)]);
  };

  /** The edit distance between two words (with two swapped letters as one edit), for "Did you mean …?". */
  const distance = (a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    const rows = [Array.from({ length: y.length + 1 }, (_, j) => j)];
    for (let i = 1; i <= x.length; i += 1) {
      rows[i] = [i];
      for (let j = 1; j <= y.length; j += 1) {
        const cost = x[i - 1] === y[j - 1] ? 0 : 1;
        rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
          rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
        }
      }
    }
    return rows[x.length][y.length];
  };

  // A match in a result's title counts most, then in its subtitle, then in its body.
  const FIELD_WEIGHTS = [
    ["title", 4],
    ["subtitle", 2],
    ["body", 1],
  ];

  /** How well a document (title, subtitle, body) answers the query's words: 0 when one of them fits nowhere. */
  const score = (words, document) => {
    let total = 0;
    for (const word of words) {
      const best = Math.max(...FIELD_WEIGHTS.map(([field, weight]) => weight * bestFit(word, document[field] ?? "")));
      if (!best) return 0;
      total += best;
    }
    return total;
  };

  /** The documents that match the query, best first (the guide's order among equals). */
  const results = (query, documents) => {
    const words = queryWords(query);
    if (!words.length) return [];
    return documents
      .map((document, at) => ({ document, at, score: score(words, document) }))
      .filter((result) => result.score > 0)
      .sort((a, b) => b.score - a.score || a.at - b.at)
      .map((result) => result.document);
  };

  /** The query's words that fit no word of any document. */
  const unmatched = (query, documents) =>
    queryWords(query).filter((word) =>
      documents.every((document) => FIELD_WEIGHTS.every(([field]) => !bestFit(word, document[field] ?? ""))),
    );

  /** The word of the documents closest to `word`, the more frequent among equals, or "" when none is near: at most
   * one edit away for every three letters (one for short words, two at most). */
  const vocabularies = new WeakMap();

  /** In how many of the documents' fields each word occurs (counted once per list of documents). */
  const vocabulary = (documents) => {
    if (!vocabularies.has(documents)) {
      const counts = new Map();
      for (const document of documents) {
        for (const [field] of FIELD_WEIGHTS) {
          for (const token of haystack(document[field] ?? "")) counts.set(token, (counts.get(token) ?? 0) + 1);
        }
      }
      vocabularies.set(documents, counts);
    }
    return vocabularies.get(documents);
  };

  const closest = (word, documents) => {
    const letters = Array.from(word).length;
    const limit = Math.min(2, Math.max(1, Math.floor(letters / 3)));
    let best = { token: "", away: limit + 1, count: 0 };
    for (const [token, seen] of vocabulary(documents)) {
      if (Math.abs(Array.from(token).length - letters) > limit) continue;
      const away = distance(word, token);
      if (away > limit) continue;
      if (away < best.away || (away === best.away && seen > best.count)) best = { token, away, count: seen };
    }
    return best.token;
  };

  /** The query with each word that matches nothing replaced by the closest word the guide has ("" if none). */
  const suggestion = (query, documents) => {
    const missing = unmatched(query, documents);
    if (!missing.length) return "";
    const replaced = queryWords(query).map((word) => (missing.includes(word) ? closest(word, documents) : word));
    return replaced.every(Boolean) ? replaced.join(" ") : "";
  };

  return { normalize, trimmed, queryWords, stem, nearPrefix, fit, bestFit, matches, count, segments, distance, results, unmatched, suggestion };
})();
