"""The README tells the truth: the files it lists exist, its commands and variables are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketaguide_app.__main__ import parser
from ketaguide_app.settings import PREFIX, Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DESCRIPTION_COLUMN = 20  # a layout line indented this far continues the description above it


def layout_block() -> list[str]:
    """The lines of the code block under "## Layout"."""
    section = README.split("## Layout", 1)[1]
    return section.split("```", 2)[1].splitlines()[1:]


def listed_paths() -> list[str]:
    """Every path the layout lists, as a glob from the repository's root (NN-<slug> stands for any entry)."""
    parents: list[tuple[int, str]] = []
    paths = []
    for line in layout_block():
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent >= DESCRIPTION_COLUMN:
            continue
        names = re.split(r",\s*", line.strip().split("  ")[0])
        parents = [(level, path) for level, path in parents if level < indent]
        prefix = parents[-1][1] if parents else ""
        for name in names:
            path = prefix + re.sub(r"<[a-z]+>", "*", name.replace("NN", "[0-9][0-9]"))
            paths.append(path)
        parents.append((indent, paths[-1]))
    return paths


def test_the_layout_is_read_whole() -> None:
    paths = listed_paths()
    assert len(paths) > 40
    assert {"ketaguide_app/js/search.js", "content/sections/[0-9][0-9]-*/_section.md", "tests/js/"} <= set(paths)


def test_every_file_the_layout_lists_exists() -> None:
    missing = [path for path in listed_paths() if not any(ROOT.glob(path.rstrip("/")))]
    assert missing == []


def test_every_module_of_the_app_is_listed() -> None:
    listed = set(listed_paths())
    code = [*(ROOT / "ketaguide_app").rglob("*.py"), *(ROOT / "ketaguide_app").rglob("*.js")]
    modules = [path.relative_to(ROOT).as_posix() for path in code]
    folders_listed_whole = ("ketaguide_app/components/", "ketaguide_app/pages/")
    unlisted = [
        module
        for module in modules
        if module not in listed and not module.startswith(folders_listed_whole) and not module.endswith("__.py")
    ]
    assert unlisted == []


def test_every_make_target_the_readme_names_exists() -> None:
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert named - targets == set()
    assert {"run", "test"} <= named


@pytest.mark.parametrize("command", sorted(set(re.findall(r"python -m ketaguide_app ([a-z-]+)", README))))
def test_every_command_line_the_readme_names_exists(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args([command, "--help"])
    assert exit_.value.code == 0, capsys.readouterr().err


def test_the_readme_documents_exactly_the_variables_the_settings_read() -> None:
    documented = set(re.findall(rf"\| `({PREFIX}[A-Z_]+)` \|", README))
    read = {PREFIX + name.upper() for name in Settings.model_fields}
    assert documented == read


def test_every_test_the_behaviour_table_names_exists() -> None:
    section = README.split("## Where each behaviour is specified", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", section)
    assert len(named) > 20
    missing = [
        f"{file}::{test}"
        for file, test in named
        if not re.search(rf"^def {test}\(", (ROOT / file).read_text(encoding="utf-8"), flags=re.MULTILINE)
    ]
    assert missing == []
