"""Build step: the site's own scripts minified by rolldown's minifier (oxc), which Reflex's Vite build brings.

Licence comments (`/*!`, `@license`) stay; the step checks that the code came back smaller and with them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reflex.utils.prerequisites import get_web_dir

from ketaguide_app.build_checks import BuildError

STEP = "minify"
NODE = Path(sys.executable).parent / "node"
# Reads a JSON list of scripts ({code, module}) on stdin and writes the list of them minified, in one run of node.
MINIFY = """
import { minify } from "rolldown/utils";
let input = "";
for await (const chunk of process.stdin) input += chunk;
const minified = [];
for (const { code, module } of JSON.parse(input)) {
  const options = { module, compress: true, mangle: true, codegen: { legalComments: "inline" } };
  const result = await minify(module ? "code.mjs" : "code.js", code, options);
  if (result.errors.length) {
    process.stderr.write(JSON.stringify(result.errors));
    process.exit(1);
  }
  minified.push(result.code);
}
process.stdout.write(JSON.stringify(minified));
"""
LICENCE = re.compile(r"/\*!.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class Script:
    """One script to minify: its code, and whether it is an ES module."""

    code: str
    module: bool = False


def minified_all(scripts: list[Script]) -> list[str]:
    """Each script minified, in one run of node (a start costs a tenth of a second).

    A failure, a script that did not shrink or one that lost a licence comment stops the build.
    """
    result = subprocess.run(
        [str(NODE), "--input-type=module", "-e", MINIFY],
        input=json.dumps([{"code": script.code, "module": script.module} for script in scripts]),
        capture_output=True,
        text=True,
        cwd=get_web_dir(),
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(STEP, f"rolldown could not minify the code: {result.stderr.strip()[-1000:]}")
    smaller = json.loads(result.stdout)
    if len(smaller) != len(scripts):
        raise BuildError(STEP, f"rolldown returned {len(smaller)} scripts for {len(scripts)}")
    return [checked(script.code, small) for script, small in zip(scripts, smaller, strict=True)]


def checked(code: str, small: str) -> str:
    """The minified code, once it is shown to be smaller and to keep every licence comment of the code."""
    if not small.strip() or len(small) >= len(code):
        raise BuildError(STEP, f"the minified code is not smaller ({len(small)} against {len(code)} characters)")
    kept = {flat(comment) for comment in LICENCE.findall(small)}
    lost = [comment.splitlines()[0] for comment in LICENCE.findall(code) if flat(comment) not in kept]
    if lost:
        raise BuildError(STEP, f"the minified code lost its licence comment {lost[0]!r}")
    return small


def flat(comment: str) -> str:
    """A comment without the indentation of its lines (the minifier indents them anew)."""
    return "\n".join(line.strip() for line in comment.splitlines())
