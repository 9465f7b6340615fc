"""Build the site, start and stop the servers the benchmark compares, and serve the static baseline page."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests import servers
from tests.servers import Server, free_port

# The export refuses an address on this machine; canonical links only matter to Lighthouse's SEO audits.
SITE_BASE_URL = "https://guide.example.org"
REFLEX_NAME = "Reflex single-port"
START_TIMEOUT_S = 600
STOP_TIMEOUT_S = 15


def http_status(url: str, timeout: float = 5) -> int | None:
    """The HTTP status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, urllib.error.URLError):
        return None


def export_site(out: Path, log: Path) -> float:
    """Export the production site into `out` (`python -m ketaguide_app export`); return the seconds it took."""
    started = time.monotonic()
    servers.export(out, SITE_BASE_URL, log)
    return time.monotonic() - started


def start_reflex(root: Path, log_path: Path) -> tuple[Server, float]:
    """Serve the app as before the export: `reflex run --env prod --single-port`; return it and its start time.

    Args:
        root: the project folder (holds rxconfig.py).
        log_path: where Reflex's output goes.

    Returns:
        The running server (its own process group) and the seconds from start until `/` answered 200.
    """
    port = free_port()
    env = os.environ | {
        "REFLEX_CHECK_LATEST_VERSION": "false",
        "KETAGUIDE_BASE_URL": SITE_BASE_URL,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--single-port"]
    command += ["--backend-port", str(port)]
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(name=REFLEX_NAME, url=f"http://127.0.0.1:{port}", process=process, log=log_path)
    try:
        return server, _wait_until_served(server, started)
    except BaseException:
        stop_group(process)
        raise


def _wait_until_served(server: Server, started: float) -> float:
    while time.monotonic() - started < START_TIMEOUT_S:
        if server.process.poll() is not None:
            raise RuntimeError(f"reflex run exited with code {server.process.returncode}; see {server.log}")
        if http_status(server.url + "/", timeout=2) == 200:
            return time.monotonic() - started
        time.sleep(0.25)
    raise RuntimeError(f"{server.name} did not answer on {server.url} within {START_TIMEOUT_S} s; see {server.log}")


@contextlib.contextmanager
def serving(server: Server) -> Iterator[Server]:
    """The server, its whole process group stopped on the way out; an error names the server if it died."""
    try:
        yield server
    except Exception as error:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise RuntimeError(f"{server.name} exited (code {code}) mid-benchmark; see {server.log}") from error
        raise
    finally:
        stop_group(server.process)


def stop_group(process: subprocess.Popen) -> None:
    """Terminate a process group started with start_new_session, then kill it if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            continue
        if not _group_alive(process.pid):
            return


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def serve_html(html: str, port: int) -> http.server.ThreadingHTTPServer:
    """Serve one page at `/` on 127.0.0.1, gzip-compressed when the client accepts it, in a daemon thread."""
    body = html.encode()
    compressed = gzip.compress(body, 9)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] != "/":
                self.send_error(404)
                return
            use_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            payload = compressed if use_gzip else body
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Vary", "Accept-Encoding")
            if use_gzip:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
