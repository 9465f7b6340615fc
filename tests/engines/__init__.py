"""The engines besides Chromium that the reader-facing tests drive: WebKit (WebKitGTK) and Firefox (Gecko)."""
