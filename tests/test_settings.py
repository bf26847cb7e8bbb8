"""Settings: every source in order, locked keys, bounds and clear errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from concierge_app import settings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file_or_variable_exists(tmp_path: Path) -> None:
    resolved = settings.load(
        environ={}, machine=tmp_path / "none.toml", user=tmp_path / "no.toml"
    )

    assert resolved["language"] == "system"
    assert resolved["sounds"] is True
    assert resolved.sources["api_url"] == "default"


def test_each_source_beats_the_one_below(tmp_path: Path) -> None:
    machine = write(tmp_path / "m.toml", 'scanner_prefix = "M"\nlanguage = "en"\n')
    user = write(tmp_path / "u.toml", 'scanner_prefix = "U"\nsounds = false\n')

    resolved = settings.load(
        environ={"CONCIERGE_APP_SCANNER_PREFIX": "E"},
        overrides={"language": "it"},
        machine=machine,
        user=user,
    )

    assert resolved["scanner_prefix"] == "E"
    assert resolved["language"] == "it"
    assert resolved["sounds"] is False
    assert resolved.sources["sounds"] == "user settings"


def test_locked_keys_set_by_the_machine_file_cannot_be_overridden(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    machine = write(tmp_path / "m.toml", 'api_url = "https://partner.example"\n')
    user = write(tmp_path / "u.toml", 'api_url = "http://evil.example"\n')

    with caplog.at_level(logging.WARNING):
        resolved = settings.load(
            environ={"CONCIERGE_APP_API_URL": "http://env.example"},
            overrides={"api_url": "http://cli.example"},
            machine=machine,
            user=user,
        )

    assert resolved["api_url"] == "https://partner.example"
    assert caplog.text.count("machine settings lock") == 3


def test_auto_lock_stays_inside_the_facility_bounds(tmp_path: Path) -> None:
    machine = write(tmp_path / "m.toml", "auto_lock_max_minutes = 10\n")
    user = write(tmp_path / "u.toml", "auto_lock_minutes = 60\n")

    resolved = settings.load(environ={}, machine=machine, user=user)

    assert resolved.auto_lock_minutes == 10


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('language = "fr"', "language must be one of system, en, it"),
        ("auto_lock_minutes = 0", "auto_lock_minutes must be at least 1"),
        ('sounds = "maybe"', "sounds must be true or false"),
        ("this is not toml", "cannot be read"),
    ],
)
def test_a_bad_value_names_the_file_and_the_key(
    tmp_path: Path, text: str, words: str
) -> None:
    user = write(tmp_path / "u.toml", text + "\n")

    with pytest.raises(settings.SettingsError, match=words):
        settings.load(environ={}, machine=tmp_path / "none.toml", user=user)


def test_the_user_file_round_trips_through_save(tmp_path: Path) -> None:
    target = tmp_path / "cfg" / "settings.toml"
    settings.save_user({"scanner_suffix": 'a"b\\', "sounds": False}, target)
    settings.save_user({"language": "it"}, target)

    resolved = settings.load(environ={}, machine=tmp_path / "none.toml", user=target)

    assert resolved["scanner_suffix"] == 'a"b\\'
    assert resolved["sounds"] is False
    assert resolved["language"] == "it"


def test_the_example_file_in_the_docs_is_valid() -> None:
    example = Path(__file__).parent.parent / "docs" / "settings.example.toml"

    resolved = settings.load(environ={}, machine=example, user=example.with_name("x"))

    assert resolved["profile"] == "production"
    assert resolved.sources["api_url"] == "machine settings"


def test_a_control_character_in_a_scanner_prefix_is_saved_readably(
    tmp_path: Path,
) -> None:
    target = tmp_path / "settings.toml"
    settings.save_user({"scanner_prefix": "\x02]C1", "scanner_suffix": "\t"}, target)

    resolved = settings.load(environ={}, machine=tmp_path / "none.toml", user=target)

    assert resolved["scanner_prefix"] == "\x02]C1"
    assert resolved["scanner_suffix"] == "\t"
