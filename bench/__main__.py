"""`python -m bench`: export the site, serve it as `make run` does, measure it against baselines, print the tables."""

from __future__ import annotations

import datetime
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from playwright.async_api import Error as PlaywrightError

from bench import (
    baseline,
    cards,
    faq_timing,
    interaction,
    lighthouse,
    load,
    memory,
    offline_copy,
    preview,
    report,
    revisit,
    search_timing,
    server,
    throttle,
    weight,
)
from ketaguide_app.content import content_dir, load_guide
from ketaguide_app.content_error import ContentError
from ketaguide_app.models import Guide
from ketaguide_app.serve import caddy_binary
from tests import servers
from tests.browser.chromium import CHROMIUM
from tests.servers import Server

ROOT = Path.cwd()
RESULTS_DIR = ROOT / "bench-results"
LIGHTHOUSE_RUNS = 3
PAGES = ("/", "/topics/nmda-receptors", "/topics/what-is-ketamine")
FAQ_NOTE = (
    f"Queries {', '.join(repr(q) for q in faq_timing.QUERIES)} typed {faq_timing.ROUNDS}× character by character "
    "on `/`, cleared between queries. keydown→DOM: from the keydown event's timeStamp to the first moment "
    "(MutationObserver) the count, the hidden questions and the highlights equal what the app's own matching rule "
    "gives for the typed value; a keystroke that leaves the result unchanged is done at its input event. Next frame: "
    "the following requestAnimationFrame. Percentiles by linear interpolation. The network is slowed (Chromium's "
    "Slow 3G: 400 ms, 50 KB/s) or cut once the page has loaded; the filter runs in the browser, so neither series "
    "should open a websocket or send a request while typing."
)
# The budgets of a first visit (README, "How it stays fast"): JavaScript per page, stylesheets fetched before the
# first paint, and the offline copy a first visit saves.
BUDGETS = {"js": 110 * 1024, "css_files": 0, "offline": 250 * 1024}
# Lighthouse's budgets (README, the same place): each page's median LCP over the baseline's, and every single run.
LCP_RATIO_BUDGET = 1.05
LOWEST_PERFORMANCE = 98
LONGEST_TBT_MS = 100
# The search's budgets: p95 keystroke to results, and its index plus the page script that holds its code.
SEARCH_BUDGETS = {"p95_ms": 16.0, "bytes": 25 * 1024}
SEARCH_NOTE = (
    f"Queries {', '.join(repr(q) for q in search_timing.QUERIES)} typed character by character "
    f"({search_timing.KEY_GAP_MS} ms apart) into the search field once its index was fetched, Chromium 390x844 "
    f"with its CPU slowed {search_timing.CPU_SLOWDOWN}×. Keystroke → results: from the keystroke's input event "
    "(the character is in the field) to the results in the page (js/find.js renders them in that event); to the "
    "frame: to the next animation frame after that. Requests: those that reached the network "
    "(not a cache) while typing. Bytes: the index and the whole page script (search code with "
    "the rest of the page's own code), Brotli."
)
INTERACTION_NOTE = (
    f"Chromium (390x844, touch; over its DevTools protocol with no inspector domain on, as a reader's phone runs "
    f"the page) with its CPU slowed {interaction.CPU_SLOWDOWN}× and the network as slow as "
    "Lighthouse's mobile profile (150 ms round trips, 1.6 Mbps): a tap on the first section's header, a tap on "
    '"Show all sections", a keystroke in the FAQ field. During start-up they are made one after another from '
    "the `load` event until the app has started (and one round after); then "
    f"{interaction.AFTER_START_ROUNDS} more of each. Latency: the longest Event Timing entry of the interaction "
    f"(input to next paint, as INP measures it); the browser reports only those of {interaction.THRESHOLD_MS} ms "
    "or more, shorter ones show as that."
)
SERIES_LABELS = {"slow": "network as slow as Slow 3G", "offline": "network gone (offline)"}
MAKE_RUN = "make run (Caddy, HTTP)"
NGINX = "nginx (HTTPS)"
CADDY_HTTPS = "Caddy (HTTPS)"
REFLEX = "Reflex single-port (today)"
REQUIRED_SPEEDUP = 10
LOAD_NOTE = (
    f"`wrk -t{load.THREADS} -c{load.CONNECTIONS} -d{load.DURATION_S}s --latency -H 'Accept-Encoding: "
    f"{load.ACCEPT_ENCODING}'` on loopback, one server running at a time; wrk and the server share the machine's "
    "cores. Over HTTPS wrk speaks HTTP/1.1 with keep-alive (no HTTP/2). The JavaScript file is the export's "
    "content-hashed `entry.client-*.js`; Reflex serves topic pages at `/topics/<slug>/`."
)
MEMORY_NOTE = (
    f"RSS of the server process and all of its children (psutil), idle ({memory.SETTLE_S} s after it answered), "
    f"then with {memory.READERS:,} keep-alive connections open that each loaded `/` in full (Accept-Encoding: "
    f"{memory.ACCEPT_ENCODING}, HTTP/1.1) and stay connected. Per reader: (with readers − idle) ÷ {memory.READERS:,}. "
    "Measured right after each server started, before any other measurement on it. RSS counts shared pages once "
    "per process."
)
REVISIT_NOTE = (
    "Chromium (phone viewport, one context, HTTP cache on): `/`, then `page.goto('/')` again, then "
    f"`{load.TOPIC}`, each waited on until the app has started and the network is idle. Requests to the server: "
    "responses not served by the browser's memory or disk cache (CDP Network events); statuses as on the wire "
    "(a revalidated page is a 304); bytes: CDP `encodedDataLength` (headers and body as received). A service "
    "worker's own requests (Playwright's context events) reach the server when they received bytes, else the "
    "HTTP cache answered them. Over HTTPS "
    "Chromium is told to trust the server's key (`--ignore-certificate-errors-spki-list`): with a certificate "
    "error alone it keeps nothing in its HTTP cache."
)


OFFLINE_LINK = (
    f"{throttle.ROUND_TRIP_S * 1000:.0f} ms round trips, {throttle.DOWN_BITS_PER_S / 1e6:.1f} Mbps down, "
    f"{throttle.UP_BITS_PER_S / 1e3:.0f} kbps up: Lighthouse's mobile profile"
)
OFFLINE_NOTE = (
    f"Chromium (phone viewport, a fresh context) loads `/` from {MAKE_RUN} through a loopback proxy that carries "
    "every connection over one link of that speed, each chunk arriving half a round trip after it leaves "
    "(Lighthouse only simulates its throttling, which cannot time a service worker). Times are from navigation "
    "start, in the page's clock. Bytes: the files the service worker lists, as their Brotli copies (what the "
    "server sends Chromium) and uncompressed."
)


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
    if not caddy_binary().exists():
        raise RuntimeError(f"Caddy is missing at {caddy_binary()} (`make install` installs it)")
    load.wrk_binary()
    log("checking Lighthouse in bench/node_modules (npm ci when missing)")
    lighthouse.ensure_installed()


def versions() -> dict:
    """The versions that the figures depend on."""

    def output(*command: str) -> str:
        """The first line the command prints (on stdout, else stderr)."""
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        except OSError as error:
            return f"unavailable ({error})"
        return ((result.stdout or result.stderr).strip().splitlines() or [""])[0]

    dirty = " (with uncommitted changes)" if output("git", "-C", str(ROOT), "status", "--porcelain") else ""
    return {
        "commit": output("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD") + dirty,
        "reflex": version("reflex"),
        "playwright": version("playwright"),
        "lighthouse": lighthouse.VERSION,
        "node": output(lighthouse.node_binary(), "--version"),
        "chromium": output(CHROMIUM, "--version"),
        "caddy": output(str(caddy_binary()), "version").split()[0],
        "nginx": output(str(servers.NGINX), "-v").removeprefix("nginx version: "),
        "wrk": output(load.wrk_binary(), "--version").split(" [")[0],
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
            runs[page].append(lighthouse_once(url, out_dir / f"{name}-{number}.json"))
    return runs


def lighthouse_once(url: str, output: Path) -> dict:
    """One Lighthouse run; a run whose trace Lighthouse itself lost is run again, once, and marked so."""
    try:
        return lighthouse.run(url, output)
    except RuntimeError as error:
        if lighthouse.LOST_TRACE not in str(error):
            raise
        log(f"Lighthouse lost its trace of {url} ({lighthouse.LOST_TRACE}); running it again")
        return lighthouse.run(url, output) | {"retried": str(error).splitlines()[-1]}


def measure_all(stamp: str) -> dict:
    """Everything, with every server stopped at the end whatever happens."""
    guide = baseline_guide()
    base_server = server.serve_html(baseline.render_baseline(guide), servers.free_port())
    base_url = f"http://127.0.0.1:{base_server.server_address[1]}/"
    try:
        with tempfile.TemporaryDirectory(prefix="ketaguide-bench-") as work:
            return measure_servers(Path(work), stamp, guide, base_url)
    finally:
        base_server.shutdown()


def measure_servers(work: Path, stamp: str, guide: Guide, base_url: str) -> dict:
    """Export once, then each server in turn: make run, nginx, Caddy over HTTPS, and Reflex's own server."""
    site = work / "site"
    results: dict = {"load": {}, "memory": {}, "revisit": {}}
    results["build_reused_web"] = (ROOT / ".web" / "node_modules").is_dir()
    log(f"exporting the site (python -m ketaguide_app export, base URL {server.SITE_BASE_URL})")
    results["build_s"] = server.export_site(site, RESULTS_DIR / f"export-{stamp}.log")
    results["cards"] = cards.measure(guide)
    paths = {path: path for path in ("/", load.TOPIC, load.entry_script(site))}
    log(f"exported in {results['build_s']:.1f} s; starting make run's server (Caddy, HTTP)")
    with server.serving(servers.start_make_run(site, workdir(work, "make-run"))) as make_run:
        results["memory"][MAKE_RUN] = measure_memory(make_run)
        results |= measure_pages(make_run.url, site, guide, base_url, stamp)
        results["revisit"][MAKE_RUN] = measure_revisit(make_run)
        log(f"{MAKE_RUN}: the offline copy through a throttled link ({OFFLINE_LINK})")
        results["offline"] = offline_copy.measure(site, make_run)
        results["load"][MAKE_RUN] = measure_load(make_run, paths)
    with server.serving(servers.start_nginx_https(site, workdir(work, "nginx"))) as nginx:
        results["memory"][NGINX] = measure_memory(nginx)
        results["revisit"][NGINX] = measure_revisit(nginx)
        results["load"][NGINX] = measure_load(nginx, paths)
    with server.serving(servers.start_caddy_https(site, workdir(work, "caddy"))) as caddy:
        results["load"][CADDY_HTTPS] = measure_load(caddy, paths)
    log("starting Reflex's own server: reflex run --env prod --single-port (the way the app was served)")
    reflex, results["reflex_start_s"] = server.start_reflex(ROOT, RESULTS_DIR / f"reflex-{stamp}.log")
    with server.serving(reflex):
        results["memory"][REFLEX] = measure_memory(reflex)
        results["load"][REFLEX] = measure_load(reflex, reflex_paths(paths))
    log(f"make preview: {preview.SAVES} saves of a topic's subtitle, each until the open tab shows it")
    results["preview"] = preview.measure(workdir(work, "preview"))
    return results


def workdir(work: Path, name: str) -> Path:
    """A fresh folder for one server's configuration, certificates and log."""
    folder = work / name
    folder.mkdir()
    return folder


def reflex_paths(paths: dict[str, str]) -> dict[str, str]:
    """Where Reflex's server has the same files: topic pages end in `/`, JavaScript as its own build named it."""
    script = load.entry_script(ROOT / ".web" / "build" / "client")

    def reflex_path(path: str) -> str:
        if path.startswith("/topics/"):
            return path + "/"
        return script if path.endswith(".js") else path

    return {label: reflex_path(path) for label, path in paths.items()}


def measure_pages(app_url: str, site: Path, guide: Guide, base_url: str, stamp: str) -> dict:
    """Page weight, FAQ filter timings and Lighthouse, of the site at `app_url` and the baseline page."""
    log("measuring page weight")
    page_weight = {page: weight.measure(site, app_url, page) for page in PAGES}
    baseline_gzip = weight.transferred(base_url)[0]
    log("FAQ filter keystroke timings (Playwright, 390x844)")
    faq = faq_timing.measure(app_url + "/", guide)
    log(
        f"interaction latency (Event Timing) with the CPU {interaction.CPU_SLOWDOWN}× slower, during and after start-up"
    )
    interactions = interaction.measure(app_url + "/")
    log(f"the guide's search: keystroke to results with the CPU {search_timing.CPU_SLOWDOWN}× slower")
    searched = search_timing.measure(app_url + "/") | {"bytes": search_timing.search_bytes(site)}
    urls = {report.BASELINE: base_url} | {page: app_url + page for page in PAGES}
    runs = run_lighthouse(urls, RESULTS_DIR / f"lighthouse-{stamp}")
    return {
        "weight": page_weight,
        "baseline_gzip_bytes": baseline_gzip,
        "faq": faq,
        "interactions": interactions,
        "search": searched,
        "lighthouse": runs,
    }


def measure_memory(running: Server) -> dict:
    """The server's memory idle and with the readers connected."""
    log(f"{running.name}: memory idle and with {memory.READERS:,} readers")
    return memory.measure(running)


def measure_revisit(running: Server) -> dict:
    """What a second visit sends over the network."""
    log(f"{running.name}: first and second visits in Chromium")
    return revisit.measure(running)


def measure_load(running: Server, paths: dict[str, str]) -> dict:
    """Requests/s and latency of each path under load."""
    log(f"{running.name}: wrk on {', '.join(paths.values())} ({load.DURATION_S} s each)")
    return load.measure(running, paths)


def baseline_guide() -> Guide:
    """The guide from content/, as the app reads it."""
    return load_guide(content_dir())


def render(measured: dict, env: dict, stamp: str) -> tuple[str, dict]:
    """The markdown report and the raw JSON."""
    lh = {page: report.summarize_runs(runs) for page, runs in measured["lighthouse"].items()}
    faq = {name: report.summarize_series(series) for name, series in measured["faq"].items()}
    env_line = ", ".join(f"{key} {value}" for key, value in env.items())
    parts = [f"# KetaGuide benchmark {stamp}", "", f"Environment: {env_line}.", "", *build_section(measured)]
    parts += lighthouse_section(lh, measured["lighthouse"])
    parts += ["## FAQ filter: keydown → DOM shows the result (count, hidden questions, highlights), Chromium 390x844"]
    parts += ["", report.faq_table(faq, SERIES_LABELS), "", FAQ_NOTE, ""]
    parts += ["## Interaction latency: taps and a keystroke, during and after start-up, CPU 4× slower", ""]
    parts += [report.interaction_table(measured["interactions"], interaction.THRESHOLD_MS), "", INTERACTION_NOTE, ""]
    parts += [f"## The guide's search: keystroke to results, CPU {search_timing.CPU_SLOWDOWN}× slower", ""]
    parts += [report.search_table(measured["search"], SEARCH_BUDGETS), "", SEARCH_NOTE, ""]
    parts += ["## Budgets of a first visit", ""]
    parts += [report.budgets_table(measured["weight"], measured["offline"]["sent_bytes"], BUDGETS), ""]
    for page, page_weight in measured["weight"].items():
        parts += [f"## Page weight of `{page}`: the HTML, JS and CSS it loads, as served by {MAKE_RUN}", ""]
        parts += [report.weight_table(page_weight, measured["baseline_gzip_bytes"]), ""]
    parts += delivery_sections(measured)
    parts += preview.section(measured["preview"])
    raw = {"stamp": stamp, "environment": env, "lighthouse_summary": lh, "faq_summary": faq, **measured}
    return "\n".join(parts), raw


def build_section(measured: dict) -> list[str]:
    """The export's time, beside the time Reflex's own server took to build and start in the same run."""
    reused = "with `.web/` (its node_modules) from an earlier build" if measured["build_reused_web"] else "from scratch"
    return [
        f"**Build**: `python -m ketaguide_app export` (Reflex's static export, the build steps, the folder's checks; "
        f"{reused}): **{measured['build_s']:.1f} s**. For comparison, the old way, `reflex run --env prod "
        f"--single-port` from start until `/` answers 200, took {measured['reflex_start_s']:.1f} s later in the "
        f"same run ({report.ratio(measured['build_s'], measured['reflex_start_s'])}). The export names "
        f"{server.SITE_BASE_URL} in canonical links (it refuses an address on this machine).",
        "",
        cards_line(measured["cards"]),
        "",
    ]


def cards_line(measured: dict) -> str:
    """How long the link-preview cards take, on a first build and on a rebuild that finds them drawn."""
    return (
        f"**Link-preview cards**: {measured['count']} cards laid out in {measured['layout_s'] * 1000:.0f} ms; "
        f"drawn with no cache ({measured['drawn']} drawn) in {measured['first_build_s'] * 1000:.0f} ms; "
        f"a rebuild with the same content ({measured['redrawn']} drawn) in {measured['rebuild_s'] * 1000:.0f} ms; "
        f"the largest is {measured['largest_bytes'] / 1024:.1f} KiB (budget 100 KiB)."
    )


def lighthouse_section(summaries: dict[str, dict], runs: dict[str, list[dict]]) -> list[str]:
    """The Lighthouse table and the audits that were below full score in any run."""
    failed = {
        page: sorted({audit for run in page_runs for audit in run["below_full_score"]})
        for page, page_runs in runs.items()
    }
    named = "; ".join(f"`{page}`: {', '.join(audits) or 'none'}" for page, audits in failed.items())
    repeated = sum(1 for page_runs in runs.values() for run in page_runs if "retried" in run)
    return [
        f"## Lighthouse {lighthouse.VERSION}, mobile, simulated throttling: median (min–max) of "
        f"{LIGHTHOUSE_RUNS} runs, ×ratio of medians to the static baseline; the site served by {MAKE_RUN}",
        "",
        report.lighthouse_table(summaries),
        "",
        report.lcp_ratios(summaries, LCP_RATIO_BUDGET),
        "",
        report.worst_runs(runs, LOWEST_PERFORMANCE, LONGEST_TBT_MS),
        "",
        f"Accessibility, best-practices and SEO audits below full score in any run: {named}. Runs repeated "
        f"because Lighthouse lost its trace ({lighthouse.LOST_TRACE}): {repeated}.",
        "",
    ]


def delivery_sections(measured: dict) -> list[str]:
    """Load, memory and second visits, with their ratios to the servers measured in the same run."""
    required = dict.fromkeys(("/", load.TOPIC), (REFLEX, REQUIRED_SPEEDUP))
    return [
        "## Load: requests/s and latency, one server at a time",
        "",
        report.load_table(measured["load"]),
        "",
        f"Ratios of requests/s, {MAKE_RUN} ÷ each other server:",
        "",
        report.load_ratios(measured["load"], MAKE_RUN, required),
        "",
        LOAD_NOTE,
        "",
        f"## Memory: idle and with {memory.READERS:,} readers who each just loaded `/`",
        "",
        report.memory_table(measured["memory"], REFLEX),
        "",
        MEMORY_NOTE,
        "",
        "## Second visit: what a reader who already loaded `/` downloads again",
        "",
        report.revisit_table(measured["revisit"]),
        "",
        REVISIT_NOTE,
        "",
        f"## The offline copy, saved after a first visit to `/` on a phone's network ({OFFLINE_LINK})",
        "",
        report.offline_table(measured["offline"]),
        "",
        OFFLINE_NOTE,
        "",
    ]


def main() -> int:
    """Run the benchmark; return the exit code."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    started = time.monotonic()
    try:
        memory.raise_open_files_limit()
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
