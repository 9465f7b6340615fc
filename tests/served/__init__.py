"""Tests of the exported site as servers answer it over HTTP, with no browser: files, headers, served HTML."""
