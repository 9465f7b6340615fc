"""Every test builds the frozen full fixture guide unless it says otherwise: an edit to content/ breaks none."""

from __future__ import annotations

import os

from tests.fixture_guides import FULL_GUIDE

os.environ["KETAGUIDE_CONTENT_DIR"] = str(FULL_GUIDE)

# The exported site and its servers, for the browser tests and the tests of what servers answer; `make preview`.
pytest_plugins = ["tests.exported", "tests.preview"]
