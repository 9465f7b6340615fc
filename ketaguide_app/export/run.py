"""Write the production site into one folder: Reflex's static export, finished by the build steps and checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from ketaguide_app.content import content_dir, load_guide
from ketaguide_app.export.site import assemble
from ketaguide_app.paths import HOME_PATH, topic_path
from ketaguide_app.settings import BASE_URL_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = ROOT / "site"
BUILD_DIR = ROOT / ".web" / "build" / "client"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


class ExportError(Exception):
    """The site could not be exported; the message says why and what to do."""


def export_site(out_dir: Path, base_url: str) -> None:
    """Build the production site with `base_url` in its canonical links and sitemap, into `out_dir`.

    The content is checked first, so a mistake is reported before a build starts.
    """
    guide = load_guide(content_dir())
    env = os.environ | {
        BASE_URL_VARIABLE: base_url,
        "REFLEX_CHECK_LATEST_VERSION": "false",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [str(Path(sys.executable).parent / "reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"]
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        raise ExportError("reflex export failed (its messages are above)")
    assemble(BUILD_DIR, out_dir, [HOME_PATH, *(topic_path(topic.slug) for topic in guide.topics)])


def public_base_url(value: str | None) -> str:
    """The base URL a deployable export must name (the settings checked it is an http(s) address): not this machine."""
    if not value:
        raise ExportError(
            f"set {BASE_URL_VARIABLE} to the address the site is served at, e.g. https://guide.example.org"
        )
    if urlsplit(value).hostname in LOCAL_HOSTS:
        raise ExportError(f"{BASE_URL_VARIABLE}={value!r} names this machine; an export is for the public address")
    return value
