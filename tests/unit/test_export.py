"""Specification of the export command's settings: a deployable export names its public address."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaguide_app.__main__ import main
from ketaguide_app.export import ExportError, public_base_url


@pytest.mark.parametrize(
    "value", [None, "", "http://localhost:3000", "http://127.0.0.1", "https://[::1]:8443", "guide.example.org"]
)
def test_an_export_for_deployment_refuses_a_missing_or_local_base_url(value: str | None) -> None:
    with pytest.raises(ExportError, match="KETAGUIDE_BASE_URL"):
        public_base_url(value)


def test_the_public_base_url_loses_its_trailing_slash() -> None:
    assert public_base_url("https://guide.example.org/") == "https://guide.example.org"


def test_the_export_command_names_the_variable_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KETAGUIDE_BASE_URL", raising=False)
    assert main(["export", "--out", str(tmp_path / "site")]) == 1
    assert "set KETAGUIDE_BASE_URL to the address the site is served at" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
