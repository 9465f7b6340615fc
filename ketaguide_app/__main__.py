"""Command line: `python -m ketaguide_app check [DIR]` validates the content and names the first mistake."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ketaguide_app.content import ContentError, content_dir, load_guide


def main(argv: list[str] | None = None) -> int:
    """Run the command; the exit status is 0 when the content is fit to publish, 1 when it is not."""
    parser = argparse.ArgumentParser(prog="python -m ketaguide_app")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content folder")
    check.add_argument("directory", nargs="?", type=Path, help="the content folder (default: content/)")
    arguments = parser.parse_args(argv)
    directory = arguments.directory or content_dir()
    try:
        guide = load_guide(directory)
    except ContentError as error:
        print(f"content error: {error}", file=sys.stderr)
        return 1
    print(f"{directory}: ok ({len(guide.sections)} sections, {len(guide.topics)} topics, {len(guide.faqs)} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
