// Grades one server with the MDN HTTP Observatory's own retriever, tests and scoring, run locally.
// Its scan() ignores port options, so this calls retrieve() with them and scores as scan() does.
// Usage: node grade.mjs HOST HTTP_PORT HTTPS_PORT  (trust a local CA with NODE_EXTRA_CA_CERTS)
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = dirname(require.resolve("@mdn/mdn-http-observatory/package.json"));
// The HSTS preload list is fetched by an install script we skip (no internet); no local host is on it.
const preload = join(root, "conf", "hsts-preload.json");
if (!existsSync(preload)) writeFileSync(preload, "{}");

const { retrieve } = await import(join(root, "src/retriever/retriever.js"));
const { ALL_TESTS } = await import(join(root, "src/constants.js"));
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await import(join(root, "src/grader/charts.js"));
const { getGradeForScore, getScoreModifier } = await import(join(root, "src/grader/grader.js"));

const [host, httpPort, httpsPort] = process.argv.slice(2);
const requests = await retrieve(host, { httpPort, httpsPort });
if (!requests.responses.auto) throw new Error(`nothing answered at ${host}`);

let withExtraCredit = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const output = test(requests);
  const modifier = output.result ? getScoreModifier(output.result) : 0;
  withExtraCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  tests[output.constructor.name] = { result: output.result, pass: output.pass, modifier };
}
const { grade, score } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
console.log(JSON.stringify({ grade, score, status: requests.responses.auto.status, tests }));
