"""Browser tests: Playwright driving Chromium in a phone viewport against the production build."""
