"""Debian's Chromium and the flags it needs on a machine without outside network, for tests and the benchmark."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("KETAGUIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
