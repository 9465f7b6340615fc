"""Requests per second and p50/p99 latency of a server under load, measured with wrk on loopback."""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.servers import Server

THREADS = 2
CONNECTIONS = 100
DURATION_S = 10
RUN_TIMEOUT_S = DURATION_S + 30
ACCEPT_ENCODING = "br, gzip"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TOPIC = "/topics/nmda-receptors"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def entry_script(folder: Path) -> str:
    """The address of the content-hashed `entry.client-*.js` in a built site folder."""
    found = sorted((folder / "assets").glob("entry.client-*.js"))
    if len(found) != 1:
        raise RuntimeError(f"expected one assets/entry.client-*.js in {folder}, found {len(found)}")
    return f"/assets/{found[0].name}"


def wrk_binary() -> str:
    """The wrk on PATH."""
    wrk = shutil.which("wrk")
    if not wrk:
        raise RuntimeError("wrk is not on PATH (Debian: apt-get install wrk)")
    return wrk


def measure(server: Server, paths: dict[str, str]) -> dict[str, dict]:
    """One wrk run per path, after checking that the path answers 200.

    Args:
        server: the running server, on loopback.
        paths: what the table calls each path (e.g. `/topics/x`) and the path this server serves it at.

    Returns:
        The wrk figures for each label.
    """
    results = {}
    for label, path in paths.items():
        url = server.url + path
        check_ok(url, server)
        results[label] = run_wrk(url) | {"path": path}
    return results


def check_ok(url: str, server: Server) -> None:
    """Refuse to load-test anything but a 200 on this machine."""
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOCAL_HOSTS:
        raise RuntimeError(f"the load test only targets this machine, not {host}")
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT_ENCODING})
    try:
        with urllib.request.urlopen(request, timeout=10, context=server.ssl_context()) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise RuntimeError(f"{url} answered {status} on {server.name}, not 200: nothing to load-test")


def run_wrk(url: str) -> dict:
    """`wrk -t2 -c100 -d10s --latency` with `Accept-Encoding: br, gzip`; the parsed figures and wrk's output."""
    command = [wrk_binary(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "--latency"]
    command += ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return parse(result.stdout) | {"output": result.stdout}


def parse(output: str) -> dict:
    """Requests/s, p50 and p99 latency (ms), request count, non-2xx/3xx responses and socket errors."""
    rate, total = RATE.search(output), TOTAL.search(output)
    latencies = {f"p{p}_ms": float(value) * UNITS_MS[unit] for p, value, unit in LATENCY.findall(output)}
    if not rate or not total or set(latencies) != {"p50_ms", "p99_ms"}:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    non_2xx = NON_2XX.search(output)
    errors = SOCKET_ERRORS.search(output)
    return {
        "requests_per_s": float(rate.group(1)),
        **latencies,
        "requests": int(total.group(1)),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }
