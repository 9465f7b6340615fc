"""Specification of the export command's settings: a deployable export names its public address."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaguide_app.__main__ import main
from ketaguide_app.export.run import ExportError, public_base_url
from ketaguide_app.settings import settings


@pytest.mark.parametrize("value", [None, "", "http://localhost:3000", "http://127.0.0.1", "https://[::1]:8443"])
def test_an_export_for_deployment_refuses_a_missing_or_local_base_url(value: str | None) -> None:
    with pytest.raises(ExportError, match="KETAGUIDE_BASE_URL"):
        public_base_url(value)


@pytest.mark.parametrize("value", ["guide.example.org", "ftp://guide.example.org", "https://"])
def test_a_base_url_that_is_not_an_address_stops_with_the_variables_name(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETAGUIDE_BASE_URL", value)
    with pytest.raises(SystemExit, match=r"settings error: KETAGUIDE_BASE_URL .*must be an absolute http"):
        settings()


def test_the_base_url_loses_its_trailing_slash_and_an_empty_one_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETAGUIDE_BASE_URL", "https://guide.example.org/")
    assert settings().base_url == "https://guide.example.org"
    monkeypatch.setenv("KETAGUIDE_BASE_URL", "")
    assert settings().base_url is None


def test_the_export_command_names_the_variable_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KETAGUIDE_BASE_URL", raising=False)
    assert main(["export", "--out", str(tmp_path / "site")]) == 1
    assert "set KETAGUIDE_BASE_URL to the address the site is served at" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
