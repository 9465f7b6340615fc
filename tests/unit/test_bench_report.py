"""Specification of the benchmark's verdicts on Lighthouse's budgets, on made-up runs."""

from __future__ import annotations

from bench import report


def run(performance: float, tbt_ms: float) -> dict:
    return {"performance": performance, "tbt_ms": tbt_ms}


def lcp(median: float) -> dict:
    return {"lcp_ms": {"median": median, "min": median, "max": median}}


def test_an_lcp_ratio_that_rounds_to_the_budget_but_exceeds_it_is_not_met() -> None:
    summaries = {"baseline": lcp(662), "/": lcp(671), "/topics/a": lcp(696)}
    line = report.lcp_ratios(summaries, 1.05)
    assert line == (
        "LCP median ÷ the baseline's: `/` ×1.014, `/topics/a` ×1.051 (budget ≤ ×1.05: **not met** (`/topics/a`))."
    )
    assert report.lcp_ratios({"baseline": lcp(662), "/": lcp(695)}, 1.05).endswith("(budget ≤ ×1.05: met).")


def test_the_worst_single_runs_are_judged_against_every_run_budget() -> None:
    runs = {"baseline": [run(100, 0)], "/": [run(100, 2), run(99, 104)], "/topics/a": [run(97, 30)]}
    line = report.worst_runs(runs, 98, 100)
    assert line == (
        "Worst single run of the 3: Performance 97 (`/topics/a`, run 1), TBT 104 ms (`/`, run 2) "
        "(budget: Performance ≥ 98 and TBT ≤ 100 ms in every run: **not met**)."
    )
    runs = {"baseline": [run(100, 0)], "/": [run(98, 100)]}
    assert report.worst_runs(runs, 98, 100).endswith("in every run: met).")
