// A warm `react-router build`: Node up, Vite and React Router loaded (and compiled, after a build) before it is asked.
//
// The preview's warm builder (forkserver.py) starts it with the web folder as its argument and a pipe on stdin and
// on stdout and stderr. Each request is a line of JSON {"id", "cwd", "env"}: the folder and environment Reflex gave
// `bun run export`. It builds there as the `react-router build` command does (the function the command calls, with
// no flags), prints what the build prints, then a last line, DONE with the id and the exit status.
//
// Node keeps every module it has imported, by address: the prerender's import of the server bundle just built
// (build/server/index.js) would give an earlier build's bundle. So each build's output is imported under an address
// of its own (the build's number as a query), and every page is rendered from its own build. Those bundles stay in
// memory and each build gets a little slower: forkserver.py replaces this process after a few builds.
import { existsSync, readFileSync } from "node:fs";
import { createRequire, registerHooks } from "node:module";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const DONE = "\u0000ketaguide-vite-build-done";
// How `react-router build` finds its build function: cli/index.js imports it from a file named by content hash.
const BUILD_IMPORT = /import\("\.\.\/(build-[\w-]+\.js)"\)/;
const web = process.argv[2];
const built = pathToFileURL(`${web}/build/`).href;
let buildNumber = 0;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (!resolved.url.startsWith(built)) return resolved;
    return { ...resolved, url: `${resolved.url.split("?")[0]}?build=${buildNumber}` };
  },
});

process.env.NODE_ENV ??= "production"; // as the react-router command sets it, before React is first loaded

async function load(cwd) {
  const resolve = createRequire(`${cwd}/package.json`).resolve;
  const cli = resolve("@react-router/dev/package.json").replace(/package\.json$/, "dist/cli/index.js");
  const found = readFileSync(cli, "utf8").match(BUILD_IMPORT);
  if (found === null) {
    throw new Error(`${cli} no longer imports its build function as ../build-<hash>.js: the preview cannot build`);
  }
  const { build } = await import(pathToFileURL(cli.replace("cli/index.js", found[1])).href);
  await import(pathToFileURL(resolve("vite")).href); // what the build and the site's Vite config load first
  await import(pathToFileURL(resolve("@react-router/dev/vite")).href);
  return build;
}

function takeEnvironment(env) {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
  process.env.NODE_ENV ??= "production";
}

async function buildOnce(request) {
  try {
    if (request.cwd !== web) throw new Error(`this builder was started for ${web}, not ${request.cwd}`);
    loading ??= load(web);
    const build = await loading.catch((error) => {
      loading = null; // tried again by the next build
      throw error;
    });
    takeEnvironment(request.env);
    process.chdir(request.cwd);
    buildNumber += 1;
    await build(request.cwd, {});
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  }
}

// Loaded now if the folder has its packages (not before the preview's first build has installed them).
let loading = existsSync(`${web}/node_modules/@react-router/dev`) ? load(web) : null;
loading?.catch(() => {}); // a failure to load is reported by the build that needs it

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  const code = await buildOnce(request);
  process.stdout.write(`${DONE} ${request.id} ${code}\n`);
}
process.exit(0); // the input closed: the preview has stopped
