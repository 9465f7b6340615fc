// Specification of the FAQ matching rule (ketaguide_app/js/search.js): examples first, then properties that
// must hold for any text, checked on generated text from many scripts with a fixed seed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load } from "./browser-code.mjs";

const { ketaguide, settings } = load();
const { normalize, trimmed, queryWords, matches, count, segments } = ketaguide.search;
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
    ["<script>alert(1)</script>", false],
    ["side\u0000effects", true],
  ];
  for (const [query, expected] of cases) assert.equal(matches(query, TEXT), expected, query);
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

test("the marked runs put back together are the text, and only runs holding a query word are marked", () => {
  forAll((text, next) => {
    const query = generatedText(next, 8);
    const runs = plain(segments(query, text));
    assert.equal(runs.map(([part]) => part).join(""), text);
    const words = queryWords(query);
    for (const [part, marked] of runs) assert.equal(marked, words.some((word) => normalize(part).includes(word)));
  });
});

test("matching and counting follow the rule's definition for any query and text", () => {
  forAll((text, next) => {
    const query = generatedText(next, 8);
    const expected = queryWords(query).every((word) => normalize(text).includes(word));
    assert.equal(matches(query, text), expected);
    assert.equal(count(query, [text, text]), expected ? 2 : 0);
  });
});
