"""Where the store lives: --data-dir, then the environment, then the platform."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from concierge_app.store import DATA_DIR_ENV, resolve_data_dir


def test_an_explicit_folder_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))

    assert resolve_data_dir(tmp_path / "given") == tmp_path / "given"


def test_the_environment_comes_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))

    assert resolve_data_dir(None) == tmp_path / "from-env"


def test_the_platforms_user_data_folder_is_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)

    expected = Path(platformdirs.user_data_dir("concierge-app", appauthor=False))
    assert resolve_data_dir(None) == expected.absolute()


def test_a_blank_environment_variable_is_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, "  ")

    assert resolve_data_dir(None).name == "concierge-app"


def test_a_relative_or_home_folder_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)

    assert resolve_data_dir(Path("~/desk")) == tmp_path / "desk"
    assert resolve_data_dir(Path("rel")) == tmp_path / "rel"
