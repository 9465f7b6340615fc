"""The guide's Markdown bodies: parsed once, checked on their tokens, rendered to HTML at build time."""
