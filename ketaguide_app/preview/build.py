"""One rebuild: the content checked, then the export's own Reflex build, in the preview's private folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ketaguide_app.content import load_guide
from ketaguide_app.settings import BASE_URL_VARIABLE, PREFIX

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# The warm builder, which runs `make export`'s build (`reflex export`, as export/run.py does) once per request.
BUILDER = (str(Path(sys.executable)), "-m", "ketaguide_app.preview.forkserver")
BUILT = Path("build") / "client"
# A preview serves its pages as they are, so Reflex compresses none: an empty list, as its list settings are read
# from the environment (split at commas, the empty names dropped). An empty value would mean its default, gzip.
NO_COMPRESSION = ","
LOG_LINES = 20


class BuildFailedError(Exception):
    """The build did not finish; the message is one line, the build's last words are in `output`."""

    def __init__(self, message: str, output: str) -> None:
        """Keep the one line and what the build printed."""
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class Workspace:
    """The preview's own folder (in the system's temporary folder): Reflex's build and the builds served."""

    root: Path

    @classmethod
    def create(cls) -> Workspace:
        """A new, empty workspace."""
        return cls(Path(tempfile.mkdtemp(prefix="ketaguide-preview-")))

    @property
    def web(self) -> Path:
        """Reflex's working folder (`.web` for an export)."""
        return self.root / "web"

    @property
    def log(self) -> Path:
        """What the last build printed."""
        return self.root / "build.log"

    @property
    def warm_log(self) -> Path:
        """What the warm builder itself printed (nothing, unless it could not start)."""
        return self.root / "builder.log"

    def served(self, version: int) -> Path:
        """Where build number `version` is kept while it is served."""
        return self.root / "served" / str(version)

    def remove(self) -> None:
        """Delete the workspace and everything in it."""
        shutil.rmtree(self.root, ignore_errors=True)


class Builder:
    """Rebuilds the site from the content folder; one build at a time, stopped with its processes on `stop`."""

    def __init__(self, workspace: Workspace, content: Path, base_url: str) -> None:
        """Build `content` for `base_url` in `workspace`."""
        self.workspace, self.content, self.base_url = workspace, content, base_url
        self._server: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def rebuild(self, version: int) -> Path:
        """Check the content, build it, keep the build as number `version`; raise ContentError or BuildFailedError."""
        check(self.content)
        self._run()
        target = self.workspace.served(version)
        target.parent.mkdir(exist_ok=True)
        (self.workspace.web / BUILT).rename(target)  # Reflex's next build starts by removing its build folder
        stale = self.workspace.served(version - 2)  # the one before is kept for the requests still reading it
        shutil.rmtree(stale, ignore_errors=True)
        return target

    def stop(self) -> None:
        """Stop the build under way, with every process it started; start no other."""
        with self._lock:
            self._stopped = True
            server = self._server
        if server is not None and server.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    def _run(self) -> None:
        server = self._warm_builder()
        assert server.stdin is not None
        assert server.stdout is not None
        try:
            server.stdin.write(b"build\n")
            server.stdin.flush()
            answer = server.stdout.readline()
        except OSError:
            answer = b""
        if not answer.strip():
            warm = self.workspace.warm_log.read_text(encoding="utf-8", errors="replace")
            raise BuildFailedError("the builder stopped", last_lines(warm))
        code = int(answer)
        if code != 0:
            check(self.content)  # the content changed again while it was built: say what is wrong with it
            printed = self.workspace.log.read_text(encoding="utf-8", errors="replace")
            raise BuildFailedError(f"the build failed (reflex export exited with {code})", last_lines(printed))

    def _warm_builder(self) -> subprocess.Popen[bytes]:
        """The warm builder, started on first use (and again if it died)."""
        with self._lock:
            if self._stopped:
                raise BuildFailedError("the preview is stopping", "")
            if self._server is None or self._server.poll() is not None:
                with self.workspace.warm_log.open("ab") as errors:
                    self._server = subprocess.Popen(
                        [*BUILDER, str(self.workspace.log)], cwd=ROOT, env=self._environment(),
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, start_new_session=True,
                    )  # fmt: skip
            return self._server

    def _environment(self) -> dict[str, str]:
        inherited = {name: value for name, value in os.environ.items() if not name.startswith(PREFIX)}
        return inherited | {
            BASE_URL_VARIABLE: self.base_url,
            f"{PREFIX}CONTENT_DIR": str(self.content),
            "REFLEX_WEB_WORKDIR": str(self.workspace.web),
            "REFLEX_STATES_WORKDIR": str(self.workspace.root / "states"),
            "REFLEX_FRONTEND_COMPRESSION_FORMATS": NO_COMPRESSION,
            "REFLEX_CHECK_LATEST_VERSION": "false",
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        }


def check(content: Path) -> None:
    """Read the content afresh (not the copy cached by an earlier build) and raise ContentError on a mistake."""
    load_guide.cache_clear()
    load_guide(content)


def last_lines(printed: str) -> str:
    """The end of a build's output, without its progress bars."""
    lines = [line for line in printed.splitlines() if line.strip() and "━" not in line]
    return "\n".join(lines[-LOG_LINES:])
