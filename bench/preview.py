"""`make preview`'s save-to-screen time: a subtitle saved in a copy of the content, timed until the open tab shows it.

Run alone (`python -m bench.preview`) or within `make bench`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from ketaguide_app import dom
from ketaguide_app.content import content_dir, load_guide
from ketaguide_app.preview.forkserver import VITE_BUILDS
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.servers import PYTHON, ROOT, free_port

# Enough for one save to be built by a fresh Vite builder (the first build was one of the first builder's).
SAVES = VITE_BUILDS + 2
BUDGET_S = 3.0
START_TIMEOUT_S = 120
SHOWN_TIMEOUT_MS = 60_000
# Between saves, so that each is a rebuild of its own, as an editor's saves are.
PAUSE_S = 1.5
REBUILT = re.compile(r"^rebuild \d+: ok in ([0-9.]+) s", re.MULTILINE)


def measure(work: Path) -> dict:
    """Start the preview on a copy of the content, open a topic in Chromium, save its subtitle SAVES times."""
    content = Path(shutil.copytree(content_dir(), work / "content"))
    topic = load_guide(content).topics[0]
    topic_file = next(
        path for path in sorted(content.glob("sections/*/*.md")) if f"slug: {topic.slug}" in path.read_text()
    )
    port, out = free_port(), work / "preview.out"
    env = os.environ | {"KETAGUIDE_CONTENT_DIR": str(content), "TMPDIR": str(work)}
    env.pop("KETAGUIDE_BASE_URL", None)
    with out.open("wb") as output:
        process = subprocess.Popen(
            [PYTHON, "-m", "ketaguide_app", "preview", "--port", str(port)],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_first_build(url, process)
        shown = saves_shown(url, topic_file, dom.topic_id(topic.slug))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    rebuilds = [float(seconds) for seconds in REBUILT.findall(out.read_text())]
    return {"shown_s": shown, "first_build_s": rebuilds[0], "rebuild_s": rebuilds[1:]}


def wait_for_first_build(url: str, process: subprocess.Popen[bytes]) -> None:
    """Wait until the preview serves its first good build."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the preview exited ({process.returncode}) before its first build")
        with contextlib.suppress(OSError), urllib.request.urlopen(url + "/__preview/status", timeout=5) as answer:
            if json.load(answer)["version"] >= 1:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the preview had no build after {START_TIMEOUT_S} s")


def saves_shown(url: str, topic_file: Path, topic_id: str) -> list[float]:
    """Seconds from each save of the subtitle until the open tab shows it."""
    shown = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(service_workers="block")
        page.goto(url + "/")
        original = topic_file.read_text(encoding="utf-8")
        for number in range(1, SAVES + 1):
            words = f"Saved {number} for the benchmark"
            text, count = re.subn(r"^subtitle: .*$", f'subtitle: "{words}"', original, count=1, flags=re.MULTILINE)
            assert count == 1, f"no subtitle in {topic_file}"
            started = time.monotonic()
            topic_file.write_text(text, encoding="utf-8")
            page.wait_for_function(
                "([id, words]) => document.getElementById(id)?.textContent.includes(words)",
                arg=[topic_id, words],
                polling="raf",
                timeout=SHOWN_TIMEOUT_MS,
            )
            shown.append(time.monotonic() - started)
            time.sleep(PAUSE_S)
        browser.close()
    return shown


def section(measured: dict) -> list[str]:
    """The report's lines."""
    shown, rebuilds = measured["shown_s"], measured["rebuild_s"]
    verdict = "within" if max(shown) <= BUDGET_S else "over"
    return [
        "## Live preview: a save until the open tab shows it (`make preview`)",
        "",
        "| | median | min | max |",
        "| --- | --- | --- | --- |",
        f"| save → shown in the tab (s) | {statistics.median(shown):.2f} | {min(shown):.2f} | {max(shown):.2f} |",
        f"| of which the rebuild (s) | {statistics.median(rebuilds):.2f} | {min(rebuilds):.2f} | {max(rebuilds):.2f} |",
        "",
        f"{len(shown)} saves of one topic's subtitle in a copy of `content/`, {PAUSE_S} s apart, Chromium with the "
        f"topic open; from the write until the tab shows the new words (it reloads itself onto the new build). "
        f"First build {measured['first_build_s']:.1f} s. Budget {BUDGET_S:.0f} s: {verdict} it at the worst save.",
        "",
    ]


def main() -> int:
    """Measure and print the section alone."""
    with tempfile.TemporaryDirectory(prefix="ketaguide-bench-preview-") as work:
        print("\n".join(section(measure(Path(work)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
