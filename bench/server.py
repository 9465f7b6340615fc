"""Start and stop the production app, and serve the static baseline page with gzip."""

from __future__ import annotations

import gzip
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT_S = 600
STOP_TIMEOUT_S = 15


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 5) -> int | None:
    """The HTTP status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, urllib.error.URLError):
        return None


def start_app(root: Path, port: int, log_path: Path) -> tuple[subprocess.Popen, float]:
    """Run `reflex run --env prod --single-port` in a new process group; return it and seconds until `/` is 200."""
    env = os.environ | {
        "REFLEX_CHECK_LATEST_VERSION": "false",
        # Canonical and og:url point at the address being measured, as they would on a real deployment.
        "KETAGUIDE_BASE_URL": f"http://127.0.0.1:{port}",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--single-port"]
    command += ["--backend-port", str(port)]
    log = log_path.open("wb")
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        return process, _wait_until_served(process, f"http://127.0.0.1:{port}/", started, log_path)
    except BaseException:
        stop_group(process)
        raise


def _wait_until_served(process: subprocess.Popen, url: str, started: float, log_path: Path) -> float:
    while time.monotonic() - started < START_TIMEOUT_S:
        if process.poll() is not None:
            raise RuntimeError(f"reflex run exited with code {process.returncode} before serving; see {log_path}")
        if http_status(url, timeout=2) == 200:
            return time.monotonic() - started
        time.sleep(0.25)
    raise RuntimeError(f"the app did not answer on {url} within {START_TIMEOUT_S} s; see {log_path}")


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
