"""Install the pinned Lighthouse 12.2.3 and run it (mobile, simulated throttling) to collect scores and metrics."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

BENCH_DIR = Path(__file__).resolve().parent
CLI = BENCH_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "12.2.3"
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_FLAGS])
INSTALL_TIMEOUT_S = 300
RUN_TIMEOUT_S = 180
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's own error when Chromium's trace of a load has no navigation start: a flake of the tool, not the page.
LOST_TRACE = "NO_NAVSTART"
# Categories scored pass/fail audit by audit, where any audit below full score is worth naming.
AUDITED = ("accessibility", "best-practices", "seo")
TIMINGS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time"}


def node_binary() -> str:
    """The Node.js to run Lighthouse with: the system one, else the virtualenv's."""
    node = "/usr/bin/node" if os.access("/usr/bin/node", os.X_OK) else shutil.which("node")
    if not node:
        raise RuntimeError("node is not on PATH; install Node.js 18+ (Debian: apt-get install nodejs)")
    return node


def ensure_installed() -> None:
    """Install Lighthouse into bench/node_modules from the lock file when it is missing or the wrong version."""
    if _installed_version() == VERSION:
        return
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is not on PATH; it is needed once to install Lighthouse")
    verb = "ci" if (BENCH_DIR / "package-lock.json").exists() else "install"
    command = [npm, verb, "--no-audit", "--no-fund", "--loglevel=error"]
    result = subprocess.run(
        command, check=False, cwd=BENCH_DIR, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S
    )
    if result.returncode != 0 or _installed_version() != VERSION:
        raise RuntimeError(f"`npm {verb}` in {BENCH_DIR} failed:\n{result.stderr[-2000:]}")


def _installed_version() -> str | None:
    package = CLI.parents[1] / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else None


def run(url: str, output: Path) -> dict:
    """Run Lighthouse once on `url`, keep its JSON report at `output` and return the extracted figures."""
    command = [node_binary(), str(CLI), url, "--output=json", f"--output-path={output}", "--quiet"]
    command += ["--form-factor=mobile", "--throttling-method=simulate", f"--chrome-flags={CHROME_FLAGS}"]
    env = os.environ | {"CHROME_PATH": CHROMIUM}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired as error:
        raise RuntimeError(f"Lighthouse took longer than {RUN_TIMEOUT_S} s on {url}") from error
    finally:
        _kill_group(process.pid)
    if process.returncode != 0 or not output.exists():
        raise RuntimeError(f"Lighthouse failed on {url} (exit {process.returncode}):\n{stderr.decode()[-2000:]}")
    return extract(json.loads(output.read_text()))


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def extract(report: dict) -> dict[str, Any]:
    """Scores (0-100), FCP/LCP/TBT (ms), CLS, total and JavaScript transfer (KiB) from one Lighthouse report."""
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse runtime error: {report['runtimeError']}")
    audits = report["audits"]
    figures: dict[str, Any] = {name: _score(report["categories"][name]) for name in CATEGORIES}
    figures |= {key: audits[audit].get("numericValue") for key, audit in TIMINGS.items()}
    figures["cls"] = audits["cumulative-layout-shift"].get("numericValue")
    observed = audits["metrics"].get("details", {}).get("items", [{}])[0]
    figures["observed_fcp_ms"] = observed.get("observedFirstContentfulPaint")  # unthrottled, for diagnosis
    figures["user_agent"] = report.get("environment", {}).get("hostUserAgent")
    figures["benchmark_index"] = report.get("environment", {}).get("benchmarkIndex")
    figures["total_kib"], figures["js_kib"] = transfer_kib(audits)
    figures["below_full_score"] = below_full_score(report)
    return figures


def below_full_score(report: dict) -> list[str]:
    """The scored accessibility, best-practices and SEO audits that did not pass, as `category: audit id`."""
    failed = []
    for name in AUDITED:
        for ref in report["categories"][name]["auditRefs"]:
            score = report["audits"][ref["id"]].get("score")
            if ref.get("weight") and score is not None and score < 1:
                failed.append(f"{name}: {ref['id']}")
    return failed


def _score(category: dict) -> float | None:
    score = category.get("score")
    return None if score is None else round(score * 100)


def transfer_kib(audits: dict) -> tuple[float, float]:
    """Total and script transfer size in KiB: from resource-summary, else summed over network-requests."""
    items = audits.get("resource-summary", {}).get("details", {}).get("items", [])
    sizes = {item["resourceType"]: item["transferSize"] for item in items}
    if "total" in sizes:
        return sizes["total"] / 1024, sizes.get("script", 0) / 1024
    requests = audits["network-requests"]["details"]["items"]
    total = sum(r.get("transferSize", 0) for r in requests)
    script = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Script")
    return total / 1024, script / 1024
