"""Where the site's styles live: the stylesheet in assets/, and the override used when JavaScript is off."""

STYLESHEET = "/ketaguide.css"

# Without JavaScript the controls that need it are hidden; the native disclosure widgets still work.
NO_SCRIPT_STYLESHEET = ".toolbar,.share,.faq-search,.count{display:none}"
