/* The FAQ matching rule: the site's only implementation of it (the build prepares nothing for it).
 * A question matches when every word of the query occurs in its question or answer, after both are folded the
 * same way: lowercase, without accents or other marks, compatibility forms made plain (ﬁ is fi, Ｗ is w),
 * final sigma as sigma, and everything but letters and digits turned into single spaces. A query counts up to
 * KETAGUIDE_SETTINGS.maxQueryLength characters (code points: an emoji is one). */
ketaguide.search = (() => {
  const LETTERS_AND_DIGITS = /[^\p{L}\p{N}]+/gu;
  const MARKS = /\p{M}/gu;
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

  /** The query as far as it counts. */
  const trimmed = (query) => Array.from(String(query ?? "")).slice(0, KETAGUIDE_SETTINGS.maxQueryLength).join("");

  /** The words of a query that must all match. */
  const queryWords = (query) => normalize(trimmed(query)).split(" ").filter(Boolean);

  /** A text folded once, then remembered (the questions do not change while a page is open). */
  const haystack = (text) => {
    if (!folded.has(text)) folded.set(text, normalize(text));
    return folded.get(text);
  };

  /** Whether every word of the query occurs in the text (an empty query matches everything). */
  const matches = (query, text) => queryWords(query).every((word) => haystack(text).includes(word));

  /** How many of the texts match. */
  const count = (query, texts) => texts.filter((text) => matches(query, text)).length;

  /** The text in runs of letters and others, each marked when it holds a word of the query (for highlighting). */
  const segments = (query, text) => {
    const words = queryWords(query);
    const whole = String(text ?? "");
    if (!words.length) return [[whole, false]];
    return whole
      .split(/([\p{L}\p{N}\p{M}]+)/u)
      .filter(Boolean)
      .map((part) => [part, words.some((word) => normalize(part).includes(word))]);
  };

  return { normalize, trimmed, queryWords, matches, count, segments };
})();
