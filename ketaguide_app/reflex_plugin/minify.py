"""Build step: the site's own scripts minified by rolldown's minifier (oxc), which Reflex's Vite build brings.

Licence comments (`/*!`, `@license`) stay; the step checks that the code came back smaller and with them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from reflex.utils.prerequisites import get_web_dir

from ketaguide_app.build_checks import BuildError

STEP = "minify"
NODE = Path(sys.executable).parent / "node"
# Reads the code on stdin, writes it minified; the options come as the first argument.
MINIFY = """
import { minify } from "rolldown/utils";
let code = "";
for await (const chunk of process.stdin) code += chunk;
const { module } = JSON.parse(process.argv[1]);
const options = { module, compress: true, mangle: true, codegen: { legalComments: "inline" } };
const result = await minify(module ? "code.mjs" : "code.js", code, options);
if (result.errors.length) {
  process.stderr.write(JSON.stringify(result.errors));
  process.exit(1);
}
process.stdout.write(result.code);
"""
LICENCE = re.compile(r"/\*!.*?\*/", re.DOTALL)


def minified(code: str, *, module: bool = False) -> str:
    """The code minified (an ES module with `module`); a failure, a growth or a lost licence stops the build."""
    result = subprocess.run(
        [str(NODE), "--input-type=module", "-e", MINIFY, json.dumps({"module": module})],
        input=code,
        capture_output=True,
        text=True,
        cwd=get_web_dir(),
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(STEP, f"rolldown could not minify the code: {result.stderr.strip()[-1000:]}")
    return checked(code, result.stdout)


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
