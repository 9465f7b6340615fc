// Specification of the matching rule of the FAQ filter and the search (ketaguide_app/js/search.js), and of the
// search's ranking: examples first, then properties that must hold for any text, checked on generated text from
// many scripts with a fixed seed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load } from "./browser-code.mjs";

const { ketaguide, settings } = load();
const { normalize, trimmed, queryWords, matches, count, segments, stem, distance } = ketaguide.search;
const { results, unmatched, suggestion, nearPrefix } = ketaguide.search;
const plain = (value) => JSON.parse(JSON.stringify(value));

const TEXT = "Side effects may include dissociation, changes in perception, and temporary increases in blood pressure.";

test("a text matches when every word of the query occurs in it, in any order and case", () => {
  const cases = [
    ["", true],
    ["   ", true],
    ["side", true],
    ["SIDE EFFECTS", true],
    ["effects side", true],
    ["blood-pressure!", true],
    ["press", true],
    ["?!.,", true],
    ["(.*", true],
    ["side zebra", false],
    ["addiction", false],
    ["effect", true],
    ["perceptions", true],
    ["dissociative", true],
    ["changed", true],
    ["increasing", true],
    ["<script>alert(1)</script>", false],
    ["side\u0000effects", true],
  ];
  for (const [query, expected] of cases) assert.equal(matches(query, TEXT), expected, query);
});

test("English words match by their stem, in the query and in the text", () => {
  const cases = [
    ["dissociative", "the science of dissociation", true],
    ["treatments", "a treatment for depression", true],
    ["treatment", "new treatments", true],
    ["anesthetic", "used in anesthesia", false],
    ["anesthesia", "an anesthetic", false],
    ["receptors", "the NMDA receptor", true],
    ["running", "he runs", true],
    ["run", "running", true],
    ["anxiety", "anxious", false],
  ];
  for (const [query, text, expected] of cases) assert.equal(matches(query, text), expected, `${query} in ${text}`);
  assert.equal(stem("dissociation"), stem("dissociative"));
  assert.equal(stem("κεταμινη"), "κεταμινη");
});

test("one typo is forgiven in a word of five letters or more: a letter wrong, missing, extra or two swapped", () => {
  const text = "Ketamine for treatment-resistant depression and anxiety; neuroplasticity.";
  const cases = [
    ["depresion", true],
    ["depressoin", true],
    ["deprission", true],
    ["depressioon", true],
    ["anxeity", true],
    ["ketamin", true],
    ["ketamime", true],
    ["neuroplas", true],
    ["nueroplas", true],
    ["dpresion", false],
    ["anxeityy", false],
    ["anxty", false],
    ["sied", false],
    ["andd", false],
    ["zebra", false],
  ];
  for (const [query, expected] of cases) assert.equal(matches(query, text), expected, query);
  assert.equal(nearPrefix("anxeity", "anxiety"), true);
  assert.equal(nearPrefix("depresion", "depression"), true);
  assert.equal(nearPrefix("depresion", "xdepression"), false);
});

test("the edit distance counts two swapped letters as one edit", () => {
  assert.equal(distance("anxeity", "anxiety"), 1);
  assert.equal(distance("kitten", "sitting"), 3);
  assert.equal(distance("", "abc"), 3);
  assert.equal(distance("𐌰𐌱", "𐌱𐌰"), 1);
});

const DOCUMENTS = [
  { kind: "introduction", title: "A guide", subtitle: "", body: "Ketamine is studied for depression." },
  { kind: "topic", title: "Safety Profile", subtitle: "Side effects and risks", body: "Dissociation may occur." },
  { kind: "topic", title: "Side effects", subtitle: "What to expect", body: "Nausea." },
  { kind: "topic", title: "Dosing", subtitle: "", body: "The side effects depend on the dose; side effects pass." },
  { kind: "question", title: "Is it addictive?", subtitle: "", body: "Ketamine can be misused." },
];
const titles = (query) => plain(results(query, DOCUMENTS).map((document) => document.title));

test("results rank a match in the title over the subtitle over the body, the guide's order among equals", () => {
  assert.deepEqual(titles("side effects"), ["Side effects", "Safety Profile", "Dosing"]);
  assert.deepEqual(titles("ketamine"), ["A guide", "Is it addictive?"]);
  assert.deepEqual(titles("dissociative"), ["Safety Profile"]);
  assert.deepEqual(titles("side nausea"), ["Side effects"]);
  assert.deepEqual(titles("addiction"), ["Is it addictive?"]);
  assert.deepEqual(titles(""), []);
  assert.deepEqual(titles("side zebra"), []);
});

test("a word that matches nothing gets the closest word the documents hold", () => {
  assert.deepEqual(plain(unmatched("side zebra", DOCUMENTS)), ["zebra"]);
  assert.deepEqual(plain(unmatched("side effects", DOCUMENTS)), []);
  assert.equal(suggestion("nausia", DOCUMENTS), "", "one typo: it matches, so there is nothing to suggest");
  assert.equal(suggestion("nuasae side", DOCUMENTS), "nausea side");
  assert.equal(suggestion("dossse", DOCUMENTS), "dose");
  assert.equal(suggestion("qqqqqqqq", DOCUMENTS), "");
  assert.equal(suggestion("", DOCUMENTS), "");
});

test("folding ignores case, accents, combining marks and compatibility forms", () => {
  const cases = [
    ["KÉTAMINE", "ketamine"],
    ["Ke\u0301tamine", "ketamine"],
    ["Ketamine’s rapid onset", "ketamine s rapid onset"],
    ["treatment-resistant   depression.", "treatment resistant depression"],
    ["ﬁve Ｗｏｒｄｓ", "five words"],
    ["ΟΔΥΣΣΕΥΣ", "οδυσσευσ"],
    ["ὀδυσσεύς", "οδυσσευσ"],
    ["İstanbul", "istanbul"],
    ["𝐁𝐨𝐥𝐝 maths", "bold maths"],
    ["😀🔥", ""],
    ["दवाई", "दवई"],
    ["A\u20ddB", "ab"],
  ];
  for (const [text, folded] of cases) assert.equal(normalize(text), folded, text);
});

test("scripts without case, right-to-left text and astral letters match as written", () => {
  assert.equal(matches("氯胺酮", "氯胺酮治疗的副作用"), true);
  assert.equal(matches("副作用 氯胺酮", "氯胺酮治疗的副作用"), true);
  assert.equal(matches("ضغط", "ارتفاع ضغط الدم"), true);
  assert.equal(matches("\u200fضغط\u200e", "ارتفاع ضغط الدم"), true);
  assert.equal(matches("כאב", "ארוכת טווח כאב"), true);
  assert.equal(matches("𐌰𐌱", "𐌰𐌱𐌲 gothic"), true);
  assert.equal(matches("𠀀", "𠀀𠀁 ext-b"), true);
  assert.equal(matches("ضغط", TEXT), false);
});

test("an emoji alone is no word, so it filters nothing out", () => {
  assert.equal(matches("😀", TEXT), true);
  assert.deepEqual(plain(queryWords("😀 side 👩‍⚕️")), ["side"]);
});

test("a query counts up to the maximum length in characters, so an emoji never splits in half", () => {
  const max = settings.maxQueryLength;
  assert.equal(max, 100);
  assert.equal(Array.from(trimmed("a".repeat(10_000))).length, max);
  const emoji = "😀".repeat(max + 5);
  assert.equal(trimmed(emoji), "😀".repeat(max));
  assert.equal(trimmed("𐌰".repeat(max + 1)).length, 2 * max);
  assert.equal(queryWords("a".repeat(10_000)).join("").length, max);
});

test("count and segments follow the same rule", () => {
  assert.equal(count("side", [TEXT, "nothing here", "SIDE"]), 2);
  assert.equal(count("", ["a", "b"]), 2);
  assert.deepEqual(plain(segments("", "Side effects")), [["Side effects", false]]);
  assert.deepEqual(plain(segments("effects", "Side-effects!")), [
    ["Side", false],
    ["-", false],
    ["effects", true],
    ["!", false],
  ]);
  assert.deepEqual(plain(segments("ketamine", "Kétamine’s")), [
    ["Kétamine", true],
    ["’", false],
    ["s", false],
  ]);
});

test("hostile input is only text", () => {
  for (const query of [null, undefined, 42, {}, "%E0%A4%A", "}};alert(1);//", "\ud800", "(.*+?[]{}\\|^$"]) {
    assert.equal(typeof matches(query, TEXT), "boolean");
    assert.equal(plain(segments(query, TEXT)).map(([part]) => part).join(""), TEXT);
  }
});

test("a missing query matches everything, and a missing text is empty", () => {
  for (const nothing of [null, undefined]) {
    assert.equal(trimmed(nothing), "");
    assert.deepEqual(plain(queryWords(nothing)), []);
    assert.equal(matches(nothing, TEXT), true);
    assert.equal(normalize(nothing), "");
    assert.equal(matches("here", nothing), false);
    assert.deepEqual(plain(segments("side", nothing)), []);
  }
});

/* Properties over generated text. */

const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  "éèêëÉÀçñÑøØåÅßæœİıŁł",
  "\u0301\u0308\u0327\u0323\u034f\u20dd",
  "कखगदवनमसत\u093e\u093f\u094d\u0947",
  "αβγδεζηθσςΣΟΔΥΕΆΈ",
  "абвгдеёжзийкАБВГДЁ",
  "氯胺酮治疗的副作用中文漢字",
  "ㄱ가각한글",
  "אבגדהוזחטיכלמנסעפצקרשת",
  "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
  "\u200f\u200e\u200d\u200b",
  "𐌰𐌱𐌲𝐁𝐨𝐥𝐝𠀀𠀁",
  "😀🔥👩‍⚕️🏳️‍🌈",
  "ﬁﬂＷｏｒｄ①¼²™℡",
  " \t\n.,;:!?'\"()[]{}<>-–—’/\\%&#*+=$^|`~",
];

/** A small, seeded random number generator (mulberry32), so a failure can be replayed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text of up to `length` characters drawn from a few of the alphabets. */
function generatedText(next, length = 60) {
  const alphabets = ALPHABETS.filter(() => next() < 0.5);
  const characters = Array.from((alphabets.length ? alphabets : ALPHABETS).join(""));
  return Array.from({ length: Math.floor(next() * length) }, () => characters[Math.floor(next() * characters.length)]).join("");
}

/** Runs a property on many generated texts, naming the seed and the text when it fails. */
function forAll(property, runs = 3000) {
  for (let seed = 1; seed <= runs; seed += 1) {
    const next = random(seed);
    const text = generatedText(next);
    try {
      property(text, next);
    } catch (error) {
      error.message = `seed ${seed}, text ${JSON.stringify(text)}: ${error.message}`;
      throw error;
    }
  }
}

test("folding twice changes nothing", () => {
  forAll((text) => assert.equal(normalize(normalize(text)), normalize(text)));
});

test("any piece of a text, used as the query, matches it", () => {
  forAll((text, next) => {
    const characters = Array.from(text);
    const start = Math.floor(next() * (characters.length + 1));
    const end = start + Math.floor(next() * (characters.length - start + 1));
    const query = characters.slice(start, end).join("");
    assert.equal(matches(query, text), true, `query ${JSON.stringify(query)}`);
  });
});

test("a word of the text, used as the query, matches it and is marked", () => {
  forAll((text, next) => {
    const words = text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
    if (!words.length) return;
    const word = words[Math.floor(next() * words.length)];
    if (!queryWords(word).length) return;
    assert.equal(matches(word, text), true);
    assert.ok(plain(segments(word, text)).some(([part, marked]) => part === word && marked), word);
  });
});

/** The rule's definition: a word of the text holds the query word, has its stem, or (for five letters or more)
 * begins with a piece at most one edit away from it. */
function fits(word, token) {
  const letters = Array.from(word).length;
  const near = [-1, 0, 1].some((more) => distance(word, Array.from(token).slice(0, letters + more).join("")) <= 1);
  return token.includes(word) || stem(token) === stem(word) || (letters >= 5 && near);
}
const tokens = (text) => normalize(text).split(" ").filter(Boolean);

test("the marked runs put back together are the text, and only runs a query word fits are marked", () => {
  forAll((text, next) => {
    const query = generatedText(next, 8);
    const runs = plain(segments(query, text));
    assert.equal(runs.map(([part]) => part).join(""), text);
    const words = queryWords(query);
    for (const [part, marked] of runs) {
      assert.equal(marked, words.some((word) => tokens(part).some((token) => fits(word, token))), part);
    }
  });
});

test("matching and counting follow the rule's definition for any query and text", () => {
  forAll((text, next) => {
    const query = generatedText(next, 8);
    const expected = queryWords(query).every((word) => tokens(text).some((token) => fits(word, token)));
    assert.equal(matches(query, text), expected);
    assert.equal(count(query, [text, text]), expected ? 2 : 0);
  });
});

test("a word of the text with one letter changed, dropped, added or swapped still matches it", () => {
  forAll((text, next) => {
    const words = tokens(text).filter((word) => Array.from(word).length >= 6);
    if (!words.length) return;
    const letters = Array.from(words[Math.floor(next() * words.length)]);
    const at = 1 + Math.floor(next() * (letters.length - 2));
    const edits = [
      () => letters.toSpliced(at, 1, "q"),
      () => letters.toSpliced(at, 1),
      () => letters.toSpliced(at, 0, "q"),
      () => letters.toSpliced(at - 1, 2, letters[at], letters[at - 1]),
    ];
    const typed = edits[Math.floor(next() * edits.length)]().join("");
    assert.equal(matches(typed, text), true, typed);
  });
});

test("any query, however long or hostile, is answered in a bounded time", () => {
  const long = "a".repeat(10_000);
  const started = Date.now();
  for (const query of [long, "\u202e" + long, "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\ud800".repeat(500)]) {
    assert.equal(typeof matches(query, TEXT), "boolean");
    results(query, DOCUMENTS);
    suggestion(query, DOCUMENTS);
  }
  assert.ok(Date.now() - started < 5000);
});
