"""Named content fixtures: a copy of the real guide to break one thing in, shared by unit and browser tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ketaguide_app.content import CONTENT_DIR

# The article the guide was taken from, page chrome included, to check that content/ holds all of the guide.
SEED = Path(__file__).resolve().parent / "fixtures" / "source-article.txt"
PAGE_CHROME_START = "Leave a Reply"
TOPIC_FILE = "sections/01-ketamine-basics/02-science-of-dissociation.md"
FIRST_TOPIC_FILE = "sections/01-ketamine-basics/01-what-is-ketamine.md"
FAQ_FILE = "faqs/03-side-effects.md"


def copy_of_guide(tmp_path: Path) -> Path:
    """A writable copy of the real content folder."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(directory: Path, relative: str, pattern: str, replacement: str) -> Path:
    """Replace the first line matching `pattern` in one content file; fails if nothing matched."""
    path = directory / relative
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not found in {relative}"
    path.write_text(text, encoding="utf-8")
    return path


def seed_guide_text() -> str:
    """The guide part of the seed article: everything before the page chrome."""
    return SEED.read_text(encoding="utf-8").split(PAGE_CHROME_START)[0]


def seed_phrases() -> list[str]:
    """Every piece of guide text in the seed, without its markup (`**`, numbering, labels)."""
    markers = r"\*\*\d+\. |Section \d+: |Overview: |Conclusion: |FAQs: |Q\d: | A: |: |\? "
    phrases = []
    for line in seed_guide_text().splitlines():
        phrases += [piece.strip() for piece in re.split(markers, line) if piece.strip()]
    return phrases
