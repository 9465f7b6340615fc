"""Command line: check the content, export the site, or build and serve it (`python -m ketaguide_app --help`)."""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path

from ketaguide_app.build_checks import BuildError
from ketaguide_app.content import GUIDE_FILE, content_dir, leftovers, load_guide, overdue_review
from ketaguide_app.content_error import ContentError
from ketaguide_app.export.run import SITE_DIR, ExportError, export_site, public_base_url
from ketaguide_app.offline.build import retire_service_worker
from ketaguide_app.preview.run import preview
from ketaguide_app.serve import serve
from ketaguide_app.settings import BASE_URL_VARIABLE, settings
from ketaguide_app.source_report import compare

DEFAULT_PORT = 3000
# Not make run's port: an offline copy that `make run` installed in the browser would answer for it.
PREVIEW_PORT = 3001


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status is 0 on success and 1 with a message on stderr otherwise."""
    arguments = parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = arguments.command
    try:
        return command(arguments)
    except ContentError as error:
        print(f"content error: {error}", file=sys.stderr)
    except (ExportError, BuildError) as error:
        print(f"{arguments.name} failed: {error}", file=sys.stderr)
    return 1


def parser() -> argparse.ArgumentParser:
    """The commands and their options."""
    parser = argparse.ArgumentParser(prog="python -m ketaguide_app")
    commands = parser.add_subparsers(required=True)
    check = commands.add_parser("check", help="validate the content folder and name the first mistake")
    check.add_argument("directory", nargs="?", type=Path, help="the content folder (default: content/)")
    check.set_defaults(command=check_content, name="check")
    export = commands.add_parser("export", help=f"write the deployable site into a folder (needs {BASE_URL_VARIABLE})")
    export.add_argument("--out", type=Path, default=SITE_DIR, help="the folder to write (default: site/)")
    export.set_defaults(command=export_for_deploy, name="export")
    run = commands.add_parser("run", help="export the site into site/ for this machine and serve it")
    run.add_argument("--port", type=int, default=DEFAULT_PORT)
    run.set_defaults(command=export_and_serve, name="run")
    serve_only = commands.add_parser("serve", help="serve an exported site folder as it is")
    serve_only.add_argument("--site", type=Path, default=SITE_DIR)
    serve_only.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve_only.set_defaults(command=lambda arguments: serve(arguments.site, arguments.port), name="serve")
    live = commands.add_parser("preview", help="serve the content on 127.0.0.1 and rebuild it on every save")
    live.add_argument("--port", type=int, default=PREVIEW_PORT, help=f"default {PREVIEW_PORT}; 0 for any free port")
    live.set_defaults(command=preview_content, name="preview")
    report = commands.add_parser("source-report", help="where the content differs from the source article")
    report.add_argument("article", type=Path, help="the article the guide was taken from")
    report.add_argument("directory", nargs="?", type=Path, help="the content folder (default: content/)")
    report.set_defaults(command=report_source, name="source-report")
    retire = commands.add_parser("retire-offline", help="make an exported folder remove the offline copy from devices")
    retire.add_argument("--site", type=Path, default=SITE_DIR)
    retire.set_defaults(command=retire_offline_copy, name="retire-offline")
    return parser


def check_content(arguments: argparse.Namespace) -> int:
    """Validate the content; print a one-line summary."""
    directory = arguments.directory or content_dir()
    guide = load_guide(directory)
    counts = (
        _count(len(guide.sections), "section"),
        _count(len(guide.topics), "topic"),
        _count(len(guide.faqs), "question"),
    )
    print(f"{directory}: ok ({', '.join(counts)})")
    for path in leftovers(directory):
        print(f"ignored (an editor's leftover: hidden, or a backup ending in ~): {path}")
    overdue = overdue_review(guide, datetime.date.today())
    if overdue:
        print(
            f"WARNING: the guide was due for review on {guide.next_review_due} ({_count(overdue, 'day')} ago): "
            f"review it, then set last_reviewed and next_review_due in {directory / GUIDE_FILE}",
            file=sys.stderr,
        )
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def export_for_deploy(arguments: argparse.Namespace) -> int:
    """Export for the public address in $KETAGUIDE_BASE_URL."""
    export_site(arguments.out, public_base_url(settings().base_url))
    print(f"exported the site into {arguments.out}")
    return 0


def export_and_serve(arguments: argparse.Namespace) -> int:
    """Export for this machine (or $KETAGUIDE_BASE_URL when set) and serve it on the port."""
    export_site(SITE_DIR, settings().base_url or f"http://localhost:{arguments.port}")
    serve(SITE_DIR, arguments.port)
    return 0


def preview_content(arguments: argparse.Namespace) -> int:
    """Serve the content folder on 127.0.0.1 and rebuild it on every save, until Ctrl-C."""
    return preview(content_dir(), arguments.port, settings().base_url)


def report_source(arguments: argparse.Namespace) -> int:
    """Print, for a reviewer, what of the article the content no longer holds word for word (always exits 0)."""
    directory = arguments.directory or content_dir()
    report = compare(load_guide(directory), arguments.article)
    print(f"{directory} against {arguments.article}:")
    print(f"{len(report.missing)} of the article's phrases are not in the content word for word (edited or removed):")
    print("".join(f"  - {phrase}\n" for phrase in report.missing), end="")
    print(f"{len(report.chrome)} lines of the article's page chrome are in the content:")
    print("".join(f"  - {line}\n" for line in report.chrome), end="")
    return 0


def retire_offline_copy(arguments: argparse.Namespace) -> int:
    """Replace the folder's service worker with the one that retires it; deploy the folder to apply."""
    retire_service_worker(arguments.site)
    print(f"{arguments.site}/sw.js now retires the offline copy from every reader's device once deployed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
