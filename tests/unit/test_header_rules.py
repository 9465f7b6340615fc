"""Specification of the header rules written for each kind of server, from the one definition in headers.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ketaguide_app import headers
from ketaguide_app.build_checks import BuildError
from ketaguide_app.export.header_rules import cached_paths, caddy_rules, static_host_rules, write_rules
from ketaguide_app.headers import ContentSecurityPolicy
from ketaguide_app.serve import CADDYFILE, caddy_binary, caddy_environment, local_address

CSP = ContentSecurityPolicy.for_inline({"start()"}, {".x{}"})


def adapted_caddyfile(site: Path, address: str) -> dict:
    """The shipped Caddyfile as Caddy itself reads it, with the rules of `site`."""
    command = [str(caddy_binary()), "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile"]
    env = caddy_environment(site, address, dict(os.environ))
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def header_values(config: dict) -> dict[str, set[str]]:
    """Every value each header is set to anywhere in Caddy's JSON config."""
    found: dict[str, set[str]] = {}

    def visit(node: object) -> None:
        if isinstance(node, dict):
            if node.get("handler") == "headers":
                for name, values in node.get("response", {}).get("set", {}).items():
                    found.setdefault(name, set()).update(values)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(config)
    return found


def test_the_shipped_caddyfile_sets_every_defined_header(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>", encoding="utf-8")
    write_rules(tmp_path, CSP)
    sent = header_values(adapted_caddyfile(tmp_path, local_address(3000)))
    expected = {name: {value} for name, value in headers.response_headers("/", CSP, https=True).items()}
    expected["Cache-Control"] = {headers.CACHE_HASHED, headers.CACHE_STABLE, headers.CACHE_REVALIDATE}
    assert sent == expected


def test_caddy_sends_hsts_over_https_only() -> None:
    rules = caddy_rules(CSP)
    assert f'header @ketaguide_https Strict-Transport-Security "{headers.HSTS}"' in rules
    assert "@ketaguide_https protocol https" in rules


def test_a_policy_too_long_for_static_hosts_stops_the_build(tmp_path: Path) -> None:
    scripts = {f"script{number}()" for number in range(40)}
    with pytest.raises(BuildError, match="Content-Security-Policy is longer than static hosts accept"):
        static_host_rules(ContentSecurityPolicy.for_inline(scripts, set()), tmp_path)


def test_a_folder_of_other_files_than_pages_needs_its_own_rule(tmp_path: Path) -> None:
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "a.html").write_text("<p>", encoding="utf-8")
    assert cached_paths(tmp_path) == [("/topics/*", headers.CACHE_REVALIDATE)]
    (tmp_path / "topics" / "photo.png").write_bytes(b"")
    with pytest.raises(BuildError, match="holds files other than pages"):
        cached_paths(tmp_path)


def test_each_top_level_file_is_cached_by_its_kind(tmp_path: Path) -> None:
    for name in ("index.html", "404.html", "favicon.svg", "sitemap.xml", ".nojekyll", "_headers"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert dict(cached_paths(tmp_path)) == {
        "/404": headers.CACHE_REVALIDATE,
        "/404.html": headers.CACHE_REVALIDATE,
        "/favicon.svg": headers.CACHE_STABLE,
        "/": headers.CACHE_REVALIDATE,
        "/index.html": headers.CACHE_REVALIDATE,
        "/sitemap.xml": headers.CACHE_REVALIDATE,
    }


def test_a_header_value_a_server_config_cannot_quote_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(headers.SECURITY_HEADERS, "Referrer-Policy", 'no-referrer"; evil')
    with pytest.raises(BuildError, match="cannot quote"):
        caddy_rules(CSP)


def test_no_rule_asks_for_a_browsing_context_group_of_its_own(tmp_path: Path) -> None:
    """Cross-Origin-Opener-Policy made Chromium swap process before a page's first paint (README, speed)."""
    (tmp_path / "index.html").write_text("<p>", encoding="utf-8")
    write_rules(tmp_path, CSP)
    assert "Cross-Origin-Opener-Policy" not in headers.response_headers("/", CSP, https=True)
    for rules in sorted(tmp_path.glob("_headers*")):
        assert "cross-origin-opener-policy" not in rules.read_text(encoding="utf-8").lower(), rules.name
