"""Where the site's styles live: its one stylesheet (inlined into every page), and the override without JavaScript."""

from pathlib import Path

# The stylesheet, written into each page's head by the build (reflex_plugin/inline_styles.py).
STYLESHEET = Path(__file__).resolve().with_name("styles.css")

# Without JavaScript the controls that need it are hidden (over the stylesheet, which comes later in the head);
# the native disclosure widgets still work.
NO_SCRIPT_STYLESHEET = ".toolbar,.share,.faq-search,.guide-search,.to-search,.count{display:none!important}"

# The colour browsers paint around the page (address bar, task switcher) in each scheme, and behind an
# installed app while it opens; they match the stylesheet's accent and dark background.
THEME_COLORS = {"light": "#0b57a4", "dark": "#121417"}
BACKGROUND_COLOR = "#ffffff"
