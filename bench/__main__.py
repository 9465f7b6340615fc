"""`python -m bench`: build and serve the production site, measure it against a static baseline, print the tables."""

from __future__ import annotations

import datetime
import os
import platform
import signal
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from playwright.async_api import Error as PlaywrightError

from bench import baseline, faq_timing, lighthouse, report, server, weight
from ketaguide_app.content import ContentError, content_dir, load_guide
from ketaguide_app.models import Guide
from tests.browser.chromium import CHROMIUM

ROOT = Path.cwd()
RESULTS_DIR = ROOT / "bench-results"
LIGHTHOUSE_RUNS = 3
PAGES = ("/", "/topics/nmda-receptors", "/topics/what-is-ketamine")
FAQ_NOTE = (
    f"Queries {', '.join(repr(q) for q in faq_timing.QUERIES)} typed {faq_timing.ROUNDS}× character by character "
    "on `/`, cleared between queries. keydown→DOM: from the keydown event's timeStamp to the first moment "
    "(MutationObserver) the count, the hidden questions and the highlights equal what the app's own matching rule "
    "gives for the typed value; a keystroke that leaves the result unchanged is done at its input event. Next frame: "
    "the following requestAnimationFrame. Percentiles by linear interpolation."
)
SERIES_LABELS = {"delayed": "websocket delayed 150 ms each way", "blocked": "websocket blocked (closed on connect)"}


def log(message: str) -> None:
    """Progress on stderr, so stdout is just the tables."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _stop_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def check_prerequisites() -> None:
    """Fail early, with a clear message, when something the benchmark needs is missing."""
    if not (ROOT / "rxconfig.py").exists() or not (ROOT / "content").is_dir():
        raise RuntimeError(f"run `python -m bench` from the project root (no rxconfig.py/content in {ROOT})")
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"Chromium is missing at {CHROMIUM} (`make chromium` installs it)")
    log("checking Lighthouse in bench/node_modules (npm ci when missing)")
    lighthouse.ensure_installed()


def versions() -> dict:
    """The versions that the figures depend on."""

    def output(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False).stdout.strip()
        except OSError as error:
            return f"unavailable ({error})"

    dirty = " (with uncommitted changes)" if output("git", "-C", str(ROOT), "status", "--porcelain") else ""
    return {
        "commit": output("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD") + dirty,
        "reflex": version("reflex"),
        "playwright": version("playwright"),
        "lighthouse": lighthouse.VERSION,
        "node": output(lighthouse.node_binary(), "--version"),
        "chromium": output(CHROMIUM, "--version"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def run_lighthouse(urls: dict[str, str], out_dir: Path) -> dict[str, list[dict]]:
    """Three Lighthouse runs per page, interleaved page by page so drift hits every page alike."""
    out_dir.mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[dict]] = {page: [] for page in urls}
    for number in range(1, LIGHTHOUSE_RUNS + 1):
        for page, url in urls.items():
            log(f"Lighthouse run {number}/{LIGHTHOUSE_RUNS}: {page}")
            name = page.strip("/").replace("/", "_") or "home"
            runs[page].append(lighthouse.run(url, out_dir / f"{name}-{number}.json"))
    return runs


def measure_all(stamp: str) -> dict:
    """Everything, with the app server and the baseline server stopped at the end whatever happens."""
    guide = baseline_guide()
    base_server = server.serve_html(baseline.render_baseline(guide), server.free_port())
    base_url = f"http://127.0.0.1:{base_server.server_address[1]}/"
    app = None
    try:
        port = server.free_port()
        log(f"building and starting the production app on port {port} (reflex run --env prod --single-port)")
        app, build_s = server.start_app(ROOT, port, RESULTS_DIR / f"reflex-{stamp}.log")
        app_url = f"http://127.0.0.1:{port}"
        log(f"app answered after {build_s:.1f} s; measuring page weight")
        page_weight = {page: weight.measure(ROOT, app_url, page) for page in PAGES}
        baseline_gzip = weight.transferred(base_url)[0]
        log("FAQ filter keystroke timings (Playwright, 390x844)")
        faq = faq_timing.measure(app_url + "/", guide)
        urls = {report.BASELINE: base_url} | {page: app_url + page for page in PAGES}
        runs = run_lighthouse(urls, RESULTS_DIR / f"lighthouse-{stamp}")
    except Exception as error:
        if app is not None and server.http_status(f"http://127.0.0.1:{port}/") is None:
            state = "is still running" if app.poll() is None else f"exited with code {app.returncode}"
            log_path = RESULTS_DIR / f"reflex-{stamp}.log"
            msg = f"the app stopped answering on port {port} mid-benchmark (reflex run {state}; see {log_path})"
            raise RuntimeError(f"{msg}\n({error})") from error
        raise
    finally:
        if app is not None:
            log("stopping the app's process group")
            server.stop_group(app)
        base_server.shutdown()
    return {
        "build_s": build_s,
        "weight": page_weight,
        "baseline_gzip_bytes": baseline_gzip,
        "faq": faq,
        "lighthouse": runs,
    }


def baseline_guide() -> Guide:
    """The guide from content/, as the app reads it."""
    return load_guide(content_dir())


def render(measured: dict, env: dict, stamp: str) -> tuple[str, dict]:
    """The markdown report and the raw JSON."""
    lh = {page: report.summarize_runs(runs) for page, runs in measured["lighthouse"].items()}
    faq = {name: report.summarize_series(series) for name, series in measured["faq"].items()}
    env_line = ", ".join(f"{key} {value}" for key, value in env.items())
    markdown = "\n".join(
        [
            f"# KetaGuide benchmark {stamp}",
            "",
            f"Environment: {env_line}.",
            "",
            f"**Build**: `reflex run --env prod --single-port` from start until `/` answers 200 (compile, production "
            f"build, server start): **{measured['build_s']:.1f} s**.",
            "",
            f"## Lighthouse {lighthouse.VERSION}, mobile, simulated throttling: median (min–max) of "
            f"{LIGHTHOUSE_RUNS} runs, ×ratio of medians to the static baseline",
            "",
            report.lighthouse_table(lh),
            "",
            "## FAQ filter: keydown → DOM shows the result (count, hidden questions, highlights), Chromium 390x844",
            "",
            report.faq_table(faq, SERIES_LABELS),
            "",
            FAQ_NOTE,
            "",
            *(
                part
                for page, page_weight in measured["weight"].items()
                for part in (
                    f"## Page weight of `{page}`: the HTML, JS and CSS it loads, as served",
                    "",
                    report.weight_table(page_weight, measured["baseline_gzip_bytes"]),
                    "",
                )
            ),
        ]
    )
    raw = {"stamp": stamp, "environment": env, "lighthouse_summary": lh, "faq_summary": faq, **measured}
    return markdown, raw


def main() -> int:
    """Run the benchmark; return the exit code."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    started = time.monotonic()
    try:
        check_prerequisites()
        env = versions()
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        measured = measure_all(stamp)
    except (RuntimeError, OSError, subprocess.SubprocessError, ContentError, PlaywrightError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    markdown, raw = render(measured, env, stamp)
    raw["wall_s"] = time.monotonic() - started
    md_path, json_path = report.write(RESULTS_DIR, stamp, markdown, raw)
    print(markdown)
    log(f"done in {raw['wall_s']:.0f} s; wrote {md_path.relative_to(ROOT)} and {json_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
