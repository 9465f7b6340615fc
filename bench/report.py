"""Summaries (median, range, percentiles, ratios) and the printed markdown tables; results go to bench-results/."""

from __future__ import annotations

import json
import statistics
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
    summary |= {"connections": series["connections"], "messages_from_server": series["messages_from_server"]}
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
        "| series | keystrokes timed (changed the result) | no result in 3 s | ws connections / server messages "
        "| keydown→DOM p50 | p95 | max | same, only keystrokes that changed the result: p50 | p95 "
        "| keydown→next frame p50 | p95 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in summaries.items():
        shown = " | ".join("–" if s.get(k) is None else f"{s[k]:.1f} ms" for k in columns)
        lines.append(
            f"| {labels[name]} | {s['keystrokes']} ({s['changed']}) | {s['failures']} "
            f"| {s['connections']} / {s['messages_from_server']} | {shown} |"
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


def write(results_dir: Path, stamp: str, markdown: str, raw: dict) -> tuple[Path, Path]:
    """Write `bench-<stamp>.md` and `.json`, and refresh `latest.md` / `latest.json`."""
    results_dir.mkdir(parents=True, exist_ok=True)
    md_path, json_path = results_dir / f"bench-{stamp}.md", results_dir / f"bench-{stamp}.json"
    md_path.write_text(markdown, encoding="utf-8")
    json_path.write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    (results_dir / "latest.md").write_text(markdown, encoding="utf-8")
    (results_dir / "latest.json").write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    return md_path, json_path
