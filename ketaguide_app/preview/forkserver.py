"""A warm builder: one process with Reflex imported forks a child per build, which imports the app (and content) anew.

The preview starts it once (`python -m ketaguide_app.preview.forkserver LOG`, in the project folder) and writes one
line to its input per build; it answers each with the build's exit status on a line of its own. Each child runs
`reflex export`, the command `make export` runs, writing what it prints to LOG; the half second a fresh Python
spends importing Reflex is spent once.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback

# Imported once, before any fork: Reflex and what rxconfig.py needs; the app and its content never are.
WARM = (
    *("reflex.reflex", "reflex.utils.export", "reflex.utils.build", "reflex.app", "reflex.compiler.compiler"),
    "rxconfig",
)
EXPORT = ("export", "--frontend-only", "--no-zip", "--env", "prod")


def main(log: str) -> None:
    """Warm up, then build once per line read, until the input closes."""
    for module in WARM:
        importlib.import_module(module)
    for _ in sys.stdin:
        child = os.fork()
        if child == 0:
            build(log)
        _, status = os.waitpid(child, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


def build(log: str) -> None:
    """In the forked child: `reflex export`, printing into `log`; never returns."""
    output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(output, 1)
    os.dup2(output, 2)
    code = 1
    try:
        from reflex.reflex import cli  # noqa: PLC0415 (imported, and so cached, by main before the fork)

        cli.main(list(EXPORT), prog_name="reflex", standalone_mode=False)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # the child reports every failure by its exit status and its log
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    main(sys.argv[1])
