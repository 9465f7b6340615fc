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
  reads that class, and it was the costliest of the inline scripts the parse runs.
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


def without_dynamic_component_globals(root: str) -> str:
    """The root module without `window.__reflex` and the namespace imports only it used."""
    root = sub_all(STEP, DYNAMIC_GLOBALS, "\n", root, 1)
    return sub_all(STEP, NAMESPACE_IMPORTS, "", root, 5)


def static_document(document: str) -> str:
    """The document module without Reflex's global stylesheet and its colour-mode script."""
    return without_color_mode_script(without_global_stylesheet(document))


def without_color_mode_script(document: str) -> str:
    """The document module without the script that sets a colour-mode class from localStorage."""
    return sub_all(STEP, COLOR_MODE_SCRIPT, "", document, 1)


def without_global_stylesheet(document: str) -> str:
    """The document module without its links to Reflex's global stylesheet."""
    document = sub_all(STEP, GLOBAL_STYLES_IMPORT, "", document, 1)
    return sub_all(STEP, GLOBAL_STYLES_LINKS, "", document, 2)
