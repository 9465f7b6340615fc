"""The steps after Reflex's build: each rewrites a page or the site folder, says what it expects, and fails loudly."""
