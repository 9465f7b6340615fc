"""Build step: a site with no server state ships none of the code only a server-state app runs.

Reflex bundles its event queue, socket.io client, cookie library and upload helper (its state module) and
emotion into every app. The plugin adds a Vite plugin of the site's own (ketaguide_app/js/stateless/) to the
vite.config.js Reflex writes, which puts smaller modules in their place: what the compiled components call,
failing loudly on anything that would need a server or emotion. Once built, every exported script is checked
for the removed code, and the check names the module it finds.
"""

from __future__ import annotations

import re
from pathlib import Path

from ketaguide_app.build_checks import BuildError, replace_once

STEP = "stateless bundle"
VITE_CONFIG = "vite.config.js"
VITE_PLUGIN = Path(__file__).resolve().parents[1] / "js" / "stateless" / "vite-plugin.mjs"
# Where the plugin joins the list Reflex's template writes (the first of its plugins, as Reflex's own
# EmbedPlugin anchors there too), and the import that goes with it.
PLUGINS_ANCHOR = "alwaysUseReactDomServerNode(),"
IMPORT_ANCHOR = 'import { defineConfig } from "vite";'
# Code that only each removed module holds: if any exported script has it, the module is back.
SIGNATURES = {
    "socket.io client": re.compile(r"engine\.io|/socket\.io"),
    "cookie library (universal-cookie)": re.compile(r"option maxAge is invalid|addChangeListener"),
    "upload helper": re.compile(r"Upload aborted|__upload_controller"),
    "event queue (Reflex's state module)": re.compile(r"state_mismatch|reflex-new-version-banner"),
    "emotion": re.compile(r"__EMOTION_TYPE_PLEASE_DO_NOT_USE__|@emotion/"),
}


def with_stateless_stubs(config: str) -> str:
    """Reflex's vite.config.js with the site's plugin first in its list of plugins."""
    config = replace_once(
        STEP, config, IMPORT_ANCHOR, f"{IMPORT_ANCHOR}\nimport ketaguideStatelessModules from {str(VITE_PLUGIN)!r};"
    )
    return replace_once(STEP, config, PLUGINS_ANCHOR, f"ketaguideStatelessModules(),\n    {PLUGINS_ANCHOR}")


def check_no_server_state_code(site: Path) -> None:
    """No exported script holds the code of a module a stateless site never runs; name the module if one does."""
    for script in sorted(site.rglob("*.js")):
        text = script.read_text(encoding="utf-8")
        for module, signature in SIGNATURES.items():
            if signature.search(text):
                raise BuildError(STEP, f"the {module} is in the bundle, though a stateless site never runs it", script)
