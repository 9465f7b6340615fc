"""How a build step states what it expects to find, and stops the build when it finds something else."""

from __future__ import annotations

import re
from pathlib import Path


class BuildError(Exception):
    """A build step met output it does not know; the message names the step, the file and what differed."""

    def __init__(self, step: str, problem: str, file: Path | None = None) -> None:
        """Name the step and, once known, the file."""
        where = f"build step '{step}'" + (f" on {file}" if file else "")
        super().__init__(f"{where}: {problem}")
        self.step, self.problem, self.file = step, problem, file

    def in_file(self, file: Path) -> BuildError:
        """The same error, naming the file the step was working on."""
        return BuildError(self.step, self.problem, file)


def expect_count(step: str, what: str, found: int, expected: int | range) -> None:
    """Stop the build unless `found` is the expected number of `what`."""
    ok = found in expected if isinstance(expected, range) else found == expected
    if not ok:
        wanted = f"{expected.start} or more" if isinstance(expected, range) else str(expected)
        raise BuildError(step, f"expected {wanted} {what}, found {found}")


def replace_once(step: str, page: str, old: str, new: str) -> str:
    """`page` with its one occurrence of `old` replaced by `new`."""
    expect_count(step, repr(old), page.count(old), 1)
    return page.replace(old, new, 1)


def sub_all(step: str, pattern: re.Pattern[str], replacement: str, page: str, expected: int | range) -> str:
    """`page` with every match of `pattern` replaced, after checking how many there are."""
    result, found = pattern.subn(replacement, page)
    expect_count(step, f"matches of {pattern.pattern!r}", found, expected)
    return result
