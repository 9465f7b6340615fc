"""The browser code's own specifications (tests/js, Node's test runner), run with the rest of the suite."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ketaguide_app.browser import browser_code
from tests.javascript import NODE

JS_TESTS = sorted((Path(__file__).resolve().parents[1] / "js").glob("*.test.mjs"))


@pytest.mark.parametrize("spec", JS_TESTS, ids=[spec.name for spec in JS_TESTS])
def test_the_javascript_specification_passes(spec: Path) -> None:
    environment = {**os.environ, "BROWSER_CODE": browser_code()}
    result = subprocess.run(
        [NODE, "--test", spec], capture_output=True, text=True, timeout=120, check=False, env=environment
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_there_are_javascript_specifications() -> None:
    assert [spec.name for spec in JS_TESTS] == [
        "offline.test.mjs",
        "page.test.mjs",
        "reading.test.mjs",
        "search.test.mjs",
        "service-worker.test.mjs",
    ]
