"""The preview's web server, on 127.0.0.1 only: the last good build's files, its script in each page, its events."""

from __future__ import annotations

import html
import json
import mimetypes
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from ketaguide_app import dom
from ketaguide_app.build_checks import replace_once
from ketaguide_app.paths import NOT_FOUND_PATH, WORKER_PATH
from ketaguide_app.preview.status import Snapshot, Status
from ketaguide_app.wording import LANGUAGE, WORDING

HOST = "127.0.0.1"
PREFIX = "/__preview/"
SCRIPT_PATH = f"{PREFIX}live.js"
EVENTS_PATH = f"{PREFIX}events"
STATUS_PATH = f"{PREFIX}status"
SCRIPT = Path(__file__).with_name("live.js")
# An open page hears at least this often that the preview is still there.
HEARTBEAT_S = 15.0
STEP = "preview script"


class PreviewServer(ThreadingHTTPServer):
    """Serves what `status` says is the last good build; bound to this machine alone."""

    daemon_threads = True

    def __init__(self, port: int, status: Status) -> None:
        """Listen on 127.0.0.1:`port` (0 for any free port)."""
        self.status = status
        super().__init__((HOST, port), PreviewHandler)

    @property
    def url(self) -> str:
        """The address to open."""
        return f"http://{HOST}:{self.server_address[1]}"


class PreviewHandler(BaseHTTPRequestHandler):
    """One request: a file of the last good build, the preview's script, its status, or its events."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    # The published site's offline copy would answer for the preview from its cache: a preview has none.
    NOT_SERVED: ClassVar[set[str]] = {WORKER_PATH}

    def do_GET(self) -> None:
        """Answer a GET."""
        path = unquote(urlsplit(self.path).path)
        snapshot = self.server.status.now()
        if path == EVENTS_PATH:
            self._events(snapshot)
        elif path == STATUS_PATH:
            self._send(HTTPStatus.OK, "application/json", json.dumps(snapshot.public()).encode())
        elif path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript", SCRIPT.read_bytes())
        elif snapshot.site is None:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", waiting_page(snapshot).encode())
        else:
            self._file(snapshot, path)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal is for rebuilds and mistakes."""

    def _file(self, snapshot: Snapshot, path: str) -> None:
        assert snapshot.site is not None
        file = None if path in self.NOT_SERVED else site_file(snapshot.site, path)
        status = HTTPStatus.OK
        if file is None:
            file, status = snapshot.site / NOT_FOUND_PATH.lstrip("/"), HTTPStatus.NOT_FOUND
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".html":
            body = with_preview_script(body.decode("utf-8"), snapshot).encode("utf-8")
            kind = "text/html; charset=utf-8"
        self._send(status, kind, body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self, snapshot: Snapshot) -> None:
        """Server-sent events: the status now, then each time it changes, until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while True:
                self.wfile.write(f"data: {json.dumps(snapshot.public())}\n\n".encode())
                self.wfile.flush()
                snapshot = self.server.status.next_after(snapshot, HEARTBEAT_S)
        except OSError:
            self.close_connection = True


def site_file(site: Path, path: str) -> Path | None:
    """The build's file for an address (a page by its clean URL), or None when it has none."""
    relative = path.lstrip("/")
    candidates = [site / "index.html"] if not relative else [site / relative, site / f"{relative}.html"]
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and resolved.is_relative_to(site.resolve()):
            return resolved
    return None


def script_tag(snapshot: Snapshot) -> str:
    """The preview's script, told which build the page is and how to speak to the preview."""
    settings = {
        "version": snapshot.version,
        "events": EVENTS_PATH,
        "overlay": dom.PREVIEW_OVERLAY,
        "placeStore": dom.PREVIEW_PLACE_STORE,
        "restored": dom.RESTORED,
        "heading": WORDING.preview_error,
    }
    attributes = html.escape(json.dumps(settings), quote=True)
    return f'<script src="{SCRIPT_PATH}" data-preview="{attributes}" defer></script>'


def with_preview_script(page: str, snapshot: Snapshot) -> str:
    """A page of the build with the preview's script at the end of its head (the published page has none)."""
    return replace_once(STEP, page, "</head>", script_tag(snapshot) + "</head>")


def waiting_page(snapshot: Snapshot) -> str:
    """What the preview shows before its first good build: the mistake, or that it is building."""
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{html.escape(WORDING.preview_waiting)}</title>{script_tag(snapshot)}</head>"
        f"<body><main><h1>{html.escape(WORDING.preview_waiting)}</h1></main></body></html>"
    )
