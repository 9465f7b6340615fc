"""A warm builder: one process with Reflex imported forks a child per build, which imports the app (and content) anew.

The preview starts it once (`python -m ketaguide_app.preview.forkserver LOG`, in the project folder) and writes one
line to its input per build; it answers each with the build's exit status on a line of its own. Each child runs
`reflex export`, the command `make export` runs, writing what it prints to LOG; the half second a fresh Python
spends importing Reflex is spent once.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

# Imported once, before any fork: Reflex, what rxconfig.py needs and the libraries the guide is read and its cards
# drawn with; the app and its content never are.
WARM = (
    *("reflex.reflex", "reflex.utils.export", "reflex.utils.build", "reflex.app", "reflex.compiler.compiler"),
    "rxconfig",
    *("markdown_it", "mdit_py_plugins.footnote", "yaml", "pydantic_settings", "fontTools.ttLib", "resvg_py"),
)
EXPORT = ("export", "--frontend-only", "--no-zip", "--env", "prod")
VITE_BUILDER = Path(__file__).with_name("vite-builder.mjs")
VITE_CLIENT = Path(__file__).with_name("vite_client.py")
# How many builds one vite-builder.mjs runs: each keeps its server bundle in memory (about 25 MiB), while a fresh
# process is slower by about half a second on its first build.
VITE_BUILDS = 8
# The command Reflex's build starts for the frontend, whatever runs it (`bun run export`).
FRONTEND_BUILD = ["run", "export"]


def main(log: str) -> None:
    """Warm up, then build once per line read, until the input closes."""
    for module in WARM:
        importlib.import_module(module)
    from reflex.utils import js_runtimes  # noqa: PLC0415 (imported just above, with Reflex)

    js_runtimes.get_node_version()  # asked by every build, run once: each child has the answer
    vite, asked = start_vite_builder(), 0
    for _ in sys.stdin:
        if vite.poll() is not None:  # it died: its build failed, and this one gets a new builder
            vite, asked = start_vite_builder(), 0
        child = os.fork()
        if child == 0:
            build(log, vite)
        _, status = os.waitpid(child, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)
        asked += 1
        if asked == VITE_BUILDS:  # replaced while the editor types, loaded again before the next save
            vite.kill()
            vite.wait()
            vite, asked = start_vite_builder(), 0


def start_vite_builder() -> subprocess.Popen[bytes]:
    """The warm Node process, in this process's group (so stopped with it); it ends when this process does."""
    from reflex.utils import prerequisites  # noqa: PLC0415 (imported by main before the fork)

    node = shutil.which("node")  # the node Reflex's build would run: the first on the PATH it is given
    if node is None:
        raise SystemExit("no node on the PATH: the preview cannot build")
    return subprocess.Popen(
        [node, str(VITE_BUILDER), str(prerequisites.get_web_dir().resolve())],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def build(log: str, vite: subprocess.Popen[bytes]) -> None:
    """In the forked child: `reflex export`, printing into `log`, its frontend built by `vite`; never returns."""
    output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(output, 1)
    os.dup2(output, 2)
    code = 1
    try:
        from reflex.reflex import cli  # noqa: PLC0415 (imported, and so cached, by main before the fork)

        handed_over = hand_frontend_build_to(vite)
        cli.main(list(EXPORT), prog_name="reflex", standalone_mode=False)
        if not handed_over:
            raise RuntimeError(
                "Reflex's export no longer starts `run export` through reflex.utils.processes.new_process: "
                "the preview's warm Vite builder did not build it (see forkserver.py)"
            )
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # the child reports every failure by its exit status and its log
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def hand_frontend_build_to(vite: subprocess.Popen[bytes]) -> list[bool]:
    """Start the warm builder's client where Reflex starts its frontend build; the list returned fills when it does."""
    from reflex.utils import processes  # noqa: PLC0415 (imported by main before the fork)

    assert vite.stdin is not None
    assert vite.stdout is not None
    pipes = (vite.stdin.fileno(), vite.stdout.fileno())
    reflex_new_process: Any = processes.new_process
    handed_over: list[bool] = []

    def new_process(args: Any, *options: Any, **settings: Any) -> Any:
        if list(args[-len(FRONTEND_BUILD) :]) != FRONTEND_BUILD:
            return reflex_new_process(args, *options, **settings)
        handed_over.append(True)
        client = [sys.executable, str(VITE_CLIENT), *map(str, pipes)]
        return reflex_new_process(client, *options, pass_fds=pipes, **settings)

    processes.new_process = new_process
    return handed_over


if __name__ == "__main__":
    main(sys.argv[1])
