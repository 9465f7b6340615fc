"""The engine layer of the WebKit and Firefox tests fails loudly, naming what to install, without a browser."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.engines import firefox, webkit
from tests.engines.tab import EngineMissingError, check_installed, key_presses

ROOT = Path(__file__).resolve().parents[2]
ENGINES = [webkit, firefox]


def test_a_missing_program_is_named_with_the_packages_that_bring_it(tmp_path: Path) -> None:
    present = tmp_path / "present"
    present.touch()
    needed = {tmp_path / "WebKitWebDriver": "webkit2gtk-driver", tmp_path / "Xvfb": "xvfb", present: "other"}
    with pytest.raises(EngineMissingError) as missing:
        check_installed(needed)
    assert str(missing.value) == (
        f"{tmp_path / 'WebKitWebDriver'}, {tmp_path / 'Xvfb'} not found: apt-get install webkit2gtk-driver xvfb"
    )
    check_installed({present: "other"})


@pytest.mark.parametrize(
    ("module", "engine", "package"),
    [(webkit, webkit.WebKit, "webkit2gtk-driver"), (firefox, firefox.Firefox, "firefox-esr")],
)
def test_an_engine_without_its_program_fails_before_starting_anything(
    module: ModuleType, engine: type, package: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "REQUIRED", {tmp_path / "absent": package})
    with pytest.raises(EngineMissingError, match=f"absent not found: apt-get install {package}$"):
        engine(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("engine", ENGINES, ids=lambda module: module.__name__.rsplit(".", 1)[-1])
def test_ci_and_make_test_install_every_package_an_engine_needs(engine: ModuleType) -> None:
    packages = set(engine.REQUIRED.values())
    ci, makefile = (ROOT / ".ci" / "run").read_text(), (ROOT / "Makefile").read_text()
    for package in packages:
        assert f" {package}" in ci.split("apt-get install", 1)[1].split("\n", 1)[0], package
        assert f'missing="$$missing {package}"' in makefile, package


def test_keys_are_sent_as_webdriver_codes_and_text_one_key_at_a_time() -> None:
    assert key_presses("Enter")["actions"] == [
        {"type": "keyDown", "value": "\ue007"},
        {"type": "keyUp", "value": "\ue007"},
    ]
    assert [step["value"] for step in key_presses("ab")["actions"]] == ["a", "a", "b", "b"]
