// Loads the page's browser code exactly as the site writes it into the page (settings, the `ketaguide`
// namespace, search.js, page.js): tests/unit/test_javascript.py hands it over in the BROWSER_CODE variable.
import vm from "node:vm";

/** The code the site puts in the page; a spec run without it fails instead of testing something else. */
function browserCode() {
  const code = process.env.BROWSER_CODE;
  if (!code) throw new Error("BROWSER_CODE is not set: run these specs through pytest (tests/unit/test_javascript.py)");
  return code;
}

/** The `ketaguide` namespace and its settings, evaluated in a fresh global scope holding `globals` (a fake page). */
export function load(globals = {}) {
  const scope = vm.createContext({ ...globals });
  vm.runInContext(browserCode(), scope);
  const ketaguide = vm.runInContext("ketaguide", scope);
  return { ketaguide, settings: ketaguide.settings };
}
