"""Build step: Reflex's document and root modules, as a site with no server state and inline styles needs them.

Both are rewritten through the plugin's `add_modify_task`, before Vite bundles them, and each rewrite checks that
it found exactly the code it expects (a Reflex upgrade that changes it stops the build here):
- the root no longer publishes React, emotion and Reflex's state modules on `window.__reflex`, which only
  components evaluated from a server's messages use; left there, that namespace object keeps every export of the
  state module (the event queue, the socket handling) in the bundle, unused;
- the document no longer links Reflex's global stylesheet: the site's styles are inlined into each page
  (`inline_styles.py`), so the text paints without waiting for a stylesheet;
- the document no longer carries Reflex's colour-mode script, which reads localStorage and sets a `light` or
  `dark` class while the page is parsed: the site's colours follow `prefers-color-scheme` in its stylesheet, nothing
  reads that class, and it was the costliest of the inline scripts the parse runs;
- the document no longer renders React Router's `ScrollRestoration`. Its inline script opened sessionStorage and
  called `history.replaceState` while the page was parsed, and once the app started it turned the browser's own
  scroll restoration off to do the same from sessionStorage. The site's links are plain links that load a page, so
  the browser's own restoration (on reload, back and forward) does all of it, as on any static page. In Lighthouse
  traces that script was most of the inline scripts' time before the first paint (2.5–6 ms of a 9–11 ms parse).
"""

from __future__ import annotations

import re

from ketaguide_app.build_checks import sub_all

STEP = "app shell"
ROOT_MODULE = "app/root.jsx"
DOCUMENT_MODULE = "app/_document.js"
DYNAMIC_GLOBALS = re.compile(
    r"\n  useEffect\(\(\) => \{\n    // Make contexts and state objects available globally.*?\n  \}, \[\]\);\n",
    re.DOTALL,
)
NAMESPACE_IMPORTS = re.compile(r'^import \* as \w+ from "[^"]+";\n', re.MULTILINE)
GLOBAL_STYLES_IMPORT = re.compile(
    r'^import reflexGlobalStyles from "\$/styles/__reflex_global_styles\.css\?url"\n', re.MULTILINE
)
GLOBAL_STYLES_LINKS = re.compile(
    r'jsx\("link",\{(?:as:"style",)?href:reflexGlobalStyles,rel:"(?:preload|stylesheet)"(?:,type:"text/css")?\},\),'
)

# Reflex's `preload_color_theme()`: a JSX string literal whose text starts with its comment.
COLOR_MODE_SCRIPT = re.compile(
    r'jsx\("script",\{\},"\\n// Only run in browser environment, not during SSR\\n'
    r'(?:[^"\\]|\\.)*?localStorage\.getItem\(\\"theme\\"\)(?:[^"\\]|\\.)*"\),'
)

# React Router's `<ScrollRestoration/>` in the body, and its name in the document's import from react-router.
SCROLL_RESTORATION = re.compile(r"jsx\(ScrollRestoration,\{\},\),")
SCROLL_RESTORATION_IMPORT = re.compile(r"(^import \{[^}\n]*?),ScrollRestoration\} from \"react-router\"$", re.MULTILINE)


def without_dynamic_component_globals(root: str) -> str:
    """The root module without `window.__reflex` and the namespace imports only it used."""
    root = sub_all(STEP, DYNAMIC_GLOBALS, "\n", root, 1)
    return sub_all(STEP, NAMESPACE_IMPORTS, "", root, 5)


def static_document(document: str) -> str:
    """The document module without Reflex's global stylesheet, its colour-mode script and scroll restoration."""
    return without_scroll_restoration(without_color_mode_script(without_global_stylesheet(document)))


def without_scroll_restoration(document: str) -> str:
    """The document module without React Router's scroll restoration (the browser's own does it)."""
    document = sub_all(STEP, SCROLL_RESTORATION, "", document, 1)
    return sub_all(STEP, SCROLL_RESTORATION_IMPORT, r"\1}" + ' from "react-router"', document, 1)


def without_color_mode_script(document: str) -> str:
    """The document module without the script that sets a colour-mode class from localStorage."""
    return sub_all(STEP, COLOR_MODE_SCRIPT, "", document, 1)


def without_global_stylesheet(document: str) -> str:
    """The document module without its links to Reflex's global stylesheet."""
    document = sub_all(STEP, GLOBAL_STYLES_IMPORT, "", document, 1)
    return sub_all(STEP, GLOBAL_STYLES_LINKS, "", document, 2)
