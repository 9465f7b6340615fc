"""The link-preview cards: one picture per page, laid out and drawn at build time from the shipped fonts."""
