"""The Reflex plugin and the page steps it applies to each prerendered page, each checking what it rewrites."""
