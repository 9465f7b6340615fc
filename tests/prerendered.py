"""The prerendered fixtures: what this Reflex version makes before the plugin changes it (tests/fixtures/prerendered).

`make fixtures` (`python -m tests.prerendered`) writes them anew from an export of the full fixture guide; a test
of the exported site compares them with the same files of the build it tests, so stale fixtures fail a test.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "prerendered"
# The files the build steps' tests read: a topic page, the not-found page, and the modules the plugin rewrites.
KEPT = ("topics/nmda-receptors.html", "not-found.html", "vite.config.js", "app/root.jsx", "app/_document.js")
# Names made of content hashes, which change with any change of the app's code.
HASHED_NAME = re.compile(r"-[A-Za-z0-9_-]{8}\.(js|css)\b")
VERSION = re.compile(r'"version":"[0-9a-f]{8}"')


def fixture(relative: str) -> str:
    """One kept file's text."""
    return (FIXTURES / relative).read_text(encoding="utf-8")


def normalized(text: str) -> str:
    """A kept file with its content-hashed names left out, as they change with every change of code."""
    return VERSION.sub('"version":"…"', HASHED_NAME.sub(r"-….\1", text))


def copy_kept(source: Path, target: Path) -> None:
    """The kept files from a build's copy into `target`."""
    for relative in KEPT:
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, target / relative)


def main() -> int:
    """Export the full fixture guide and write the kept files into tests/fixtures/prerendered."""
    from tests import servers  # noqa: PLC0415  (servers imports the app's settings; a command needs them here only)
    from tests.exported import PUBLIC_BASE_URL  # noqa: PLC0415
    from tests.fixture_guides import FULL_GUIDE  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="ketaguide-prerendered-") as work:
        kept = Path(work) / "kept"
        servers.export(Path(work) / "site", PUBLIC_BASE_URL, Path(work) / "export.log", FULL_GUIDE, keep=kept)
        copy_kept(kept, FIXTURES)
    print(f"wrote {', '.join(KEPT)} into {FIXTURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
