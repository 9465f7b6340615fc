"""Unit tests: models, loader, matching rule, SEO and build rewrites, without a browser."""
