"""Markup tests: the fixture guides' pages and components rendered as Reflex compiles them, no browser."""
