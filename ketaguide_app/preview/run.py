"""`make preview`: build the content once, serve it on 127.0.0.1, and rebuild it on every save until Ctrl-C."""

from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path

from ketaguide_app.content_error import ContentError
from ketaguide_app.preview.build import Builder, BuildFailedError, Workspace
from ketaguide_app.preview.server import PreviewServer
from ketaguide_app.preview.status import Status
from ketaguide_app.preview.watch import rebuild_on_save


def preview(content: Path, port: int, base_url: str | None = None) -> int:
    """Serve `content` on 127.0.0.1:`port` (0: any free port), rebuilt on each save; stopped by SIGINT or SIGTERM.

    Nothing is written outside a temporary folder, which is removed, with the build's processes, on the way out.
    """
    # Ctrl-C and SIGTERM both stop it cleanly, even when it was started with SIGINT ignored (as `cmd &` does).
    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, signal.default_int_handler)
    status, stop = Status(), threading.Event()
    try:
        server = PreviewServer(port, status)
    except OSError as error:
        raise SystemExit(
            f"preview failed: cannot listen on 127.0.0.1:{port} ({error.strerror}); give another port"
        ) from None
    workspace = Workspace.create()
    builder = Builder(workspace, content.resolve(), base_url or server.url)
    threading.Thread(target=server.serve_forever, name="preview server", daemon=True).start()
    print(f"previewing {content} on {server.url} (Ctrl-C stops it)", flush=True)
    try:
        rebuild_on_save(builder.content, stop, lambda reason: rebuild(builder, status, reason))
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        builder.stop()
        server.shutdown()
        server.server_close()
        workspace.remove()
        print("preview stopped", flush=True)
    return 0


def rebuild(builder: Builder, status: Status, reason: str) -> None:
    """One rebuild; a failure is printed and shown over the last good page, and the preview carries on."""
    print(f"rebuilding: {reason}", flush=True)
    status.building()
    started = time.monotonic()
    try:
        site = builder.rebuild(status.now().version + 1)
    except ContentError as error:
        failed(status, f"content error: {error}")
    except BuildFailedError as error:
        print(error.output, file=sys.stderr)
        failed(status, f"preview failed: {error}")
    except OSError as error:
        failed(status, f"preview failed: {error}")
    else:
        status.built(site)
        now = status.now()
        print(
            f"rebuild {now.rebuilds}: ok in {time.monotonic() - started:.1f} s, serving build {now.version}", flush=True
        )


def failed(status: Status, message: str) -> None:
    """Print the one-line message as `make check` does, and show it over the page."""
    status.failed(message)
    print(f"rebuild {status.now().rebuilds}: failed", flush=True)
    print(message, file=sys.stderr, flush=True)
