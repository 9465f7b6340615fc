"""Summaries (median, range, percentiles, ratios) and the printed markdown tables; results go to bench-results/."""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping
from pathlib import Path

LIGHTHOUSE_ROWS = (
    ("performance", "Performance", "{:.0f}"),
    ("accessibility", "Accessibility", "{:.0f}"),
    ("best-practices", "Best practices", "{:.0f}"),
    ("seo", "SEO", "{:.0f}"),
    ("fcp_ms", "FCP (ms)", "{:.0f}"),
    ("lcp_ms", "LCP (ms)", "{:.0f}"),
    ("tbt_ms", "TBT (ms)", "{:.0f}"),
    ("cls", "CLS", "{:.3f}"),
    ("total_kib", "Transfer (KiB)", "{:.1f}"),
    ("js_kib", "JS transfer (KiB)", "{:.1f}"),
)
BASELINE = "baseline"


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile, linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize_runs(runs: list[dict]) -> dict:
    """Median, min and max of each Lighthouse figure over the runs of one page."""
    summary = {}
    for key, _, _ in LIGHTHOUSE_ROWS:
        values = [run[key] for run in runs if run.get(key) is not None]
        if values:
            summary[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return summary


def ratio(value: float, base: float) -> str:
    """`×r` of a value to the baseline's, or `×n/a` when the baseline is zero."""
    return f"×{value / base:.2f}" if base else "×n/a"


def lighthouse_table(summaries: dict[str, dict]) -> str:
    """One row per figure, one column per page: median (min–max) and the ratio to the baseline's median."""
    pages = [BASELINE, *(page for page in summaries if page != BASELINE)]
    lines = ["| figure | " + " | ".join(pages) + " |", "|---|" + "---|" * len(pages)]
    for key, label, fmt in LIGHTHOUSE_ROWS:
        cells = []
        base = summaries.get(BASELINE, {}).get(key)
        for page in pages:
            stat = summaries.get(page, {}).get(key)
            if not stat:
                cells.append("–")
                continue
            cell = f"{fmt.format(stat['median'])} ({fmt.format(stat['min'])}–{fmt.format(stat['max'])})"
            if page != BASELINE and base:
                cell += " " + ratio(stat["median"], base["median"])
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summarize_series(series: dict) -> dict:
    """Percentiles of keydown→DOM and keydown→next frame (ms) for one FAQ series, also for result-changing keys."""
    samples = series["samples"]
    summary = {"keystrokes": len(samples), "failures": series["failures"], "error": series["error"]}
    summary |= {"websockets": series["websockets"], "requests_while_typing": series["requests_while_typing"]}
    summary["changed"] = sum(1 for s in samples if s["changed"])
    for key, chosen in (("dom", samples), ("frame", samples), ("changed_dom", [s for s in samples if s["changed"]])):
        values = [s["frame_ms" if key == "frame" else "dom_ms"] for s in chosen]
        if values:
            summary |= {f"{key}_p50": percentile(values, 50), f"{key}_p95": percentile(values, 95)}
            summary[f"{key}_max"] = max(values)
    return summary


def faq_table(summaries: dict[str, dict], labels: dict[str, str]) -> str:
    """One row per series; notes for series that stopped early."""
    columns = ("dom_p50", "dom_p95", "dom_max", "changed_dom_p50", "changed_dom_p95", "frame_p50", "frame_p95")
    lines = [
        "| series | keystrokes timed (changed the result) | no result in 3 s | websockets / requests while typing "
        "| keydown→DOM p50 | p95 | max | same, only keystrokes that changed the result: p50 | p95 "
        "| keydown→next frame p50 | p95 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in summaries.items():
        shown = " | ".join("–" if s.get(k) is None else f"{s[k]:.1f} ms" for k in columns)
        lines.append(
            f"| {labels[name]} | {s['keystrokes']} ({s['changed']}) | {s['failures']} "
            f"| {s['websockets']} / {s['requests_while_typing']} | {shown} |"
        )
    notes = [f"\n**{labels[name]}: stopped early.** {s['error']}" for name, s in summaries.items() if s["error"]]
    return "\n".join(lines + notes)


def weight_table(weight: dict, baseline_gzip_bytes: int) -> str:
    """Gzip bytes and KiB of the home page's HTML, JS and CSS, and the baseline page for comparison."""
    lines = [
        "| what it loads | files | gzip bytes | gzip KiB | brotli KiB (Chromium's) | uncompressed KiB | ×baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, label in (("html", "HTML"), ("js", "JavaScript"), ("css", "CSS"), ("total", "total")):
        t = weight["totals"][kind]
        lines.append(
            f"| {label} | {t['files']} | {t['gzip_bytes']} | {t['gzip_bytes'] / 1024:.1f} | {t['br_bytes'] / 1024:.1f} "
            f"| {t['bytes'] / 1024:.1f} "
            f"| {ratio(t['gzip_bytes'], baseline_gzip_bytes) if kind in {'html', 'total'} else ''} |"
        )
    lines.append(
        f"| baseline page (HTML only) | 1 | {baseline_gzip_bytes} | {baseline_gzip_bytes / 1024:.1f} | | | ×1.00 |"
    )
    return "\n".join(lines)


def load_table(load: dict[str, dict[str, dict]]) -> str:
    """One row per path and server: requests/s, p50 and p99 latency, requests made, and any errors."""
    lines = [
        "| path | server | requests/s | p50 | p99 | requests | non-2xx/3xx | socket errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    paths = list(next(iter(load.values())))
    for label in paths:
        for name, results in load.items():
            r = results[label]
            shown = f"`{label}`" if r["path"] == label else f"`{label}` (as `{r['path']}`)"
            lines.append(
                f"| {shown} | {name} | {r['requests_per_s']:,.0f} | {r['p50_ms']:.2f} ms | {r['p99_ms']:.2f} ms "
                f"| {r['requests']:,} | {r['non_2xx_3xx']} | {r['socket_errors']} |"
            )
    return "\n".join(lines)


def load_ratios(load: dict[str, dict[str, dict]], subject: str, required: Mapping[str, tuple[str, float]]) -> str:
    """Requests/s of `subject` ÷ every other server's, per path, and whether each required ratio is met.

    Args:
        load: wrk figures per server and path.
        subject: the server the ratios are of.
        required: per path, the server the requirement compares with and the ratio it requires.

    Returns:
        A markdown table.
    """
    others = [name for name in load if name != subject]
    lines = [
        "| path | " + " | ".join(f"{subject} ÷ {name}" for name in others) + " | required |",
        "|---|" + "---|" * (len(others) + 1),
    ]
    for label in load[subject]:
        rate = load[subject][label]["requests_per_s"]
        cells = [ratio(rate, load[name][label]["requests_per_s"]) for name in others]
        bar = required.get(label)
        judged = "–"
        if bar:
            met = rate >= bar[1] * load[bar[0]][label]["requests_per_s"]
            judged = f"≥{bar[1]:g}× {bar[0]}: {verdict(met)}"
        lines.append(f"| `{label}` | " + " | ".join(cells) + f" | {judged} |")
    return "\n".join(lines)


def memory_table(memory: dict[str, dict], baseline: str | None) -> str:
    """One row per server: RSS idle and with the readers connected, KiB per reader, and the ratio to `baseline`."""
    lines = [
        "| server | idle | with 1,000 readers | per reader | readers who loaded `/` / still connected "
        f"| with readers ×{baseline or 'baseline'} |",
        "|---|---|---|---|---|---|",
    ]
    base = memory.get(baseline, {}).get("readers_mib") if baseline else None
    for name, m in memory.items():
        versus = ratio(m["readers_mib"], base) if base else "–"
        lines.append(
            f"| {name} | {m['idle_mib']:.1f} MiB | {m['readers_mib']:.1f} MiB | {m['kib_per_reader']:.1f} KiB "
            f"| {m['loaded']} / {m['still_open']} | {versus} |"
        )
    notes = [f"\n**{name}:** {m['first_error']}" for name, m in memory.items() if m["first_error"]]
    return "\n".join(lines + notes)


def revisit_table(revisits: dict[str, dict[str, dict]]) -> str:
    """One row per server and visit: requests that reached the server, their statuses and bytes, cache hits."""
    lines = [
        "| server | visit | requests to the server (by a service worker) | statuses | bytes over the network "
        "| ×first visit | served by the browser (cache, service worker) | what reached the server |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, visits in revisits.items():
        first = next(iter(visits.values()))["bytes"]
        for label, v in visits.items():
            statuses = ", ".join(f"{count}× {status}" for status, count in v["statuses"].items()) or "–"
            sent = "<br>".join(map(_request, v["requests"])) if len(v["requests"]) <= 4 else "…"
            lines.append(
                f"| {name} | {label} | {v['to_server']} ({v['by_service_worker']}) | {statuses} | {v['bytes']:,} "
                f"| {ratio(v['bytes'], first)} | {v['from_cache']} | {sent or '–'} |"
            )
    problems = [
        f"\n**{name}, {label}:** {v['still_in_flight']} requests still in flight; failed: {v['failed']}"
        for name, visits in revisits.items()
        for label, v in visits.items()
        if v["still_in_flight"] or v["failed"]
    ]
    return "\n".join(lines + problems)


def _request(request: dict) -> str:
    """`304 `/` (br)`, with `service worker` when one made the request."""
    details = [request["encoding"] or "identity"] + (["service worker"] if request["by"] != "page" else [])
    return f"{request['status']} `{request['path']}` ({', '.join(details)})"


def write(results_dir: Path, stamp: str, markdown: str, raw: dict) -> tuple[Path, Path]:
    """Write `bench-<stamp>.md` and `.json`, and refresh `latest.md` / `latest.json`."""
    results_dir.mkdir(parents=True, exist_ok=True)
    md_path, json_path = results_dir / f"bench-{stamp}.md", results_dir / f"bench-{stamp}.json"
    md_path.write_text(markdown, encoding="utf-8")
    json_path.write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    (results_dir / "latest.md").write_text(markdown, encoding="utf-8")
    (results_dir / "latest.json").write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    return md_path, json_path


def offline_table(copy: dict) -> str:
    """The offline copy: its files and bytes, and its timeline on the throttled link, from navigation start."""
    saving = (copy["saved_ms"] - copy["registered_ms"]) / 1000
    rows = [
        ("files kept on the device", f"{copy['files']}"),
        ("bytes sent (Brotli copies)", f"{copy['sent_bytes']:,} ({copy['sent_bytes'] / 1024:.1f} KiB)"),
        ("bytes uncompressed", f"{copy['raw_bytes']:,} ({copy['raw_bytes'] / 1024:.1f} KiB)"),
        ("page `load` event", f"{copy['load_ms'] / 1000:.2f} s"),
        ("app started", f"{copy['started_ms'] / 1000:.2f} s"),
        ("service worker registered", f"{copy['registered_ms'] / 1000:.2f} s"),
        ("page says the guide is saved", f"{copy['saved_ms'] / 1000:.2f} s"),
        ("time to save the copy (registered → saved)", f"{saving:.2f} s"),
        ("offline files requested before `load`", ", ".join(copy["before_load"]) or "none"),
    ]
    return "\n".join(["| offline copy | |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)])


def verdict(met: bool) -> str:
    """How a budget reads in the report."""
    return "met" if met else "**not met**"


def worst_runs(runs: dict[str, list[dict]], lowest_performance: float, longest_tbt_ms: float) -> str:
    """The worst single run of the site's pages (every run, not only the median): Performance and TBT, judged."""
    site = [(page, number, run) for page, page_runs in runs.items() if page != BASELINE
            for number, run in enumerate(page_runs, start=1)]  # fmt: skip
    lowest = min(site, key=lambda item: item[2]["performance"])
    longest = max(site, key=lambda item: item[2]["tbt_ms"])
    met = lowest[2]["performance"] >= lowest_performance and longest[2]["tbt_ms"] <= longest_tbt_ms
    return (
        f"Worst single run of the {len(site)}: Performance {lowest[2]['performance']:.0f} (`{lowest[0]}`, run "
        f"{lowest[1]}), TBT {longest[2]['tbt_ms']:.0f} ms (`{longest[0]}`, run {longest[1]}) (budget: Performance "
        f"≥ {lowest_performance:.0f} and TBT ≤ {longest_tbt_ms:.0f} ms in every run: {verdict(met)})."
    )


def lcp_ratios(summaries: dict[str, dict], most: float) -> str:
    """Each page's median LCP over the baseline's, to three places, against the budget `most`."""
    base = summaries[BASELINE]["lcp_ms"]["median"]
    ratios = {page: s["lcp_ms"]["median"] / base for page, s in summaries.items() if page != BASELINE}
    over = [page for page, value in ratios.items() if value > most]
    shown = ", ".join(f"`{page}` ×{value:.3f}" for page, value in ratios.items())
    named = f" (`{'`, `'.join(over)}`)" if over else ""
    return f"LCP median ÷ the baseline's: {shown} (budget ≤ ×{most:.2f}: {verdict(not over)}{named})."


def budgets_table(weight: dict[str, dict], offline_bytes: int, budgets: Mapping[str, int]) -> str:
    """Each page's JavaScript and render-blocking CSS against their budgets, and the offline copy against its own."""
    lines = ["| what | measured | budget | |", "|---|---|---|---|"]

    def row(label: str, value: int, budget: int, unit: str = "KiB") -> None:
        shown = f"{value / 1024:.1f} KiB" if unit == "KiB" else f"{value}"
        limit = f"{budget / 1024:.0f} KiB" if unit == "KiB" else f"{budget}"
        lines.append(f"| {label} | {shown} | ≤ {limit} | {verdict(value <= budget)} |")

    for page, page_weight in weight.items():
        totals = page_weight["totals"]
        row(f"`{page}`: JavaScript of a first visit (Brotli)", totals["js"]["br_bytes"], budgets["js"])
        row(f"`{page}`: stylesheets fetched before the first paint", totals["css"]["files"], budgets["css_files"], "")
        lines.append(f"| `{page}`: CSS inlined in its HTML (uncompressed) | "
                     f"{page_weight['inline_css_bytes'] / 1024:.1f} KiB | – | |")  # fmt: skip
    row("the offline copy (Brotli)", offline_bytes, budgets["offline"])
    return "\n".join(lines)


def interaction_table(measured: dict[str, dict[str, list[float]]], threshold_ms: int) -> str:
    """Per phase and kind of interaction: how many, median and worst latency."""
    lines = ["| when | interaction | made | median | worst |", "|---|---|---|---|---|"]
    for phase, kinds in measured.items():
        for kind, values in kinds.items():

            def shown(value: float) -> str:
                return f"≤{threshold_ms} ms" if value <= threshold_ms else f"{value:.0f} ms"

            lines.append(f"| {phase} | {kind} | {len(values)} | {shown(statistics.median(values))} "
                         f"| {shown(max(values))} |")  # fmt: skip
    worst = max(value for kinds in measured.values() for values in kinds.values() for value in values)
    lines.append(f"\nWorst of all: {worst:.0f} ms (budget ≤ 100 ms: {verdict(worst <= 100)}).")
    return "\n".join(lines)


def search_table(searched: dict, budgets: Mapping[str, float]) -> str:
    """Keystroke-to-results percentiles, requests while typing and bytes, against the search's budgets."""
    results, frames = searched["to_results_ms"], searched["to_frame_ms"]
    p95 = percentile(results, 95)
    total = searched["bytes"]["index"] + searched["bytes"]["page script"]
    requests = len(searched["requests_while_typing"])
    rows = [
        "| what | measured | budget | |",
        "|---|---|---|---|",
        f"| keystroke → results, p50 / p95 ({len(results)} keystrokes) | {percentile(results, 50):.1f} / {p95:.1f} ms "
        f"| p95 ≤ {budgets['p95_ms']:.0f} ms | {'met' if p95 <= budgets['p95_ms'] else '**not met**'} |",
        f"| keystroke → next frame, p50 / p95 | {percentile(frames, 50):.1f} / {percentile(frames, 95):.1f} ms | | |",
        f"| requests to the network while typing | {requests} | 0 | {'met' if requests == 0 else '**not met**'} |",
        f"| index + page script (Brotli) | {searched['bytes']['index'] / 1024:.1f} + "
        f"{searched['bytes']['page script'] / 1024:.1f} KiB | ≤ {budgets['bytes'] / 1024:.0f} KiB "
        f"| {'met' if total <= budgets['bytes'] else '**not met**'} |",
    ]
    return "\n".join(rows)
