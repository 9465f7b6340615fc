"""Benchmark of the production build: Lighthouse, FAQ filter latency and page weight, against a static baseline."""
