"""Maintainers' scripts, run by hand: none of them runs in a build or a test."""
