/* A Vite plugin for a site with no server state and a stylesheet of its own: two of Reflex's modules resolve to
 * the smaller ones beside this file. Its state module (the event queue, the socket.io client, cookies, uploads) is
 * replaced by what the compiled components call, and @emotion/react by React's createElement. The Reflex plugin
 * adds this plugin to the vite.config.js that Reflex writes. It also spares the build gzipping every chunk to print
 * its size: the build steps and `make bench` measure what ships. */
import { fileURLToPath } from "node:url";

const beside = (name) => fileURLToPath(new URL(`./${name}`, import.meta.url));

// Each replaced module, as its importers name it, and its replacement.
export const REPLACED = [
  { matches: (source) => /(^|\/)utils\/state(\.js)?$/.test(source), replacement: beside("state.js") },
  { matches: (source) => source === "@emotion/react", replacement: beside("emotion-react.js") },
];

/** The plugin: resolves each replaced module to its replacement, in the browser's build and the prerender's. */
export default function statelessModules() {
  return {
    name: "ketaguide-stateless-modules",
    enforce: "pre",
    config: () => ({ build: { reportCompressedSize: false } }),
    resolveId(source) {
      const replaced = REPLACED.find((module) => module.matches(source));
      return replaced ? replaced.replacement : null;
    },
  };
}
