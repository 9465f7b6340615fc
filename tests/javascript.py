"""Runs the page's browser code in Node, for tests that need its answer (the FAQ matching rule lives there only)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from ketaguide_app.browser import browser_code

NODE = Path(sys.executable).parent / "node"


def evaluate(expression: str, **values: Any) -> Any:
    """The JSON value of `expression`, evaluated after the browser code with `values` bound to `input`."""
    script = (
        f"{browser_code()}\nconst input = {json.dumps(values)};\nprocess.stdout.write(JSON.stringify({expression}));"
    )
    result = subprocess.run(
        [NODE, "--input-type=commonjs", "-"], input=script, capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"node failed on {expression}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def matching(query: str, texts: list[str]) -> list[bool]:
    """Which of the texts the FAQ filter shows for this query."""
    return list(
        evaluate("input.texts.map((text) => ketaguide.search.matches(input.query, text))", query=query, texts=texts)
    )
