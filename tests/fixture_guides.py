"""Named fixture guides (tests/fixtures/guides): the content every behaviour test builds, whatever content/ holds.

- full: the guide as it was published, frozen, for the browser suite and the tests of real-sized pages;
- rich: the full guide with every Markdown construct an editor may use (headings, lists, tables, callouts,
  sources with URLs and DOIs, links of every kind), for the tests of rendered content;
- minimal: two sections, three topics, two questions, for one-off mistakes written over a copy;
- one-section, many-languages (accents, combining marks, astral-plane letters, emoji, scripts without case,
  right-to-left text, a long question), and duplicate-slug (broken on purpose).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ketaguide_app.content import load_guide

FIXTURE_GUIDES = Path(__file__).resolve().parent / "fixtures" / "guides"
FULL_GUIDE = FIXTURE_GUIDES / "full"
RICH_GUIDE = FIXTURE_GUIDES / "rich"
TOPIC_FILE = "sections/01-ketamine-basics/02-science-of-dissociation.md"
FIRST_TOPIC_FILE = "sections/01-ketamine-basics/01-what-is-ketamine.md"
FAQ_FILE = "faqs/03-side-effects.md"
# The full guide, as the exported site of the browser tests and the tests of what servers answer shows it.
GUIDE = load_guide(FULL_GUIDE)


def copy_of_guide(tmp_path: Path, name: str = "full") -> Path:
    """A writable copy of a named fixture guide."""
    return Path(shutil.copytree(FIXTURE_GUIDES / name, tmp_path / "content"))


def edit(directory: Path, relative: str, pattern: str, replacement: str) -> Path:
    """Replace the first line matching `pattern` in one content file; fails if nothing matched."""
    path = directory / relative
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not found in {relative}"
    path.write_text(text, encoding="utf-8")
    return path
