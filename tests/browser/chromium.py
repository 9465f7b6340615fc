"""Debian's Chromium, the flags it needs on a machine without outside network, and the phone it plays."""

from __future__ import annotations

from typing import Any

from ketaguide_app.settings import settings

CHROMIUM = str(settings().chromium)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The phone the benchmark's browser contexts play: a 390 x 844 screen at 3 device pixels a CSS pixel, touch.
PHONE_CONTEXT: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
