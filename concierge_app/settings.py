"""Every setting of the app, declared once: type, default, bounds and help.

Values come from, lowest first: the defaults here, the machine-wide file an
administrator installs, the user's own file (what the settings dialog
writes), `CONCIERGE_APP_<NAME>` environment variables, and the command line.
Keys marked `locked` are security-relevant: once the machine-wide file sets
one, nothing above it can change it, and an attempt is logged.

Files are TOML with one flat table of `name = value`; see
`docs/settings.example.toml`. This module knows nothing of Qt or the layers.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

logger = logging.getLogger(__name__)

APP_NAME = "concierge-app"
ENV_PREFIX = "CONCIERGE_APP_"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting's declaration."""

    name: str
    kind: type
    default: Any
    help: str
    locked: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def coerce(self, value: object, source: str) -> Any:
        """The value as this setting's type, or ValueError naming the source."""
        where = f"{source}: {self.name}"
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(value, str) and value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{where} must be true or false")
        if self.kind is int:
            try:
                number = int(str(value)) if not isinstance(value, bool) else None
            except ValueError:
                number = None
            if number is None:
                raise ValueError(f"{where} must be a whole number")
            if self.minimum is not None and number < self.minimum:
                raise ValueError(f"{where} must be at least {self.minimum}")
            if self.maximum is not None and number > self.maximum:
                raise ValueError(f"{where} must be at most {self.maximum}")
            return number
        text = str(value)
        if self.choices and text not in self.choices:
            raise ValueError(f"{where} must be one of {', '.join(self.choices)}")
        return text


SETTINGS: tuple[Setting, ...] = (
    Setting("api_url", str, "", "base URL of the partner API", locked=True),
    Setting(
        "profile",
        str,
        "production",
        "environment profile of the partner API (its rate limits)",
        locked=True,
        choices=("dev", "production"),
    ),
    Setting("ca_bundle", str, "", "PEM file of CAs to trust for the API", locked=True),
    Setting(
        "auto_lock_minutes",
        int,
        5,
        "lock the desk after this many minutes without input",
        minimum=1,
        maximum=240,
    ),
    Setting(
        "auto_lock_min_minutes",
        int,
        1,
        "the facility's lowest allowed auto-lock",
        locked=True,
        minimum=1,
        maximum=240,
    ),
    Setting(
        "auto_lock_max_minutes",
        int,
        30,
        "the facility's highest allowed auto-lock",
        locked=True,
        minimum=1,
        maximum=240,
    ),
    Setting(
        "offline_login_days",
        int,
        7,
        "days after an online login that a user may unlock offline",
        locked=True,
        minimum=0,
        maximum=30,
    ),
    Setting("scanner_prefix", str, "", "characters the scanner sends before a code"),
    Setting("scanner_suffix", str, "", "characters the scanner sends after a code"),
    Setting(
        "language",
        str,
        "system",
        "language of the window",
        choices=("system", "en", "it"),
    ),
    Setting("sounds", bool, True, "play a sound for each verdict"),
    Setting(
        "pull_interval_seconds",
        int,
        60,
        "seconds between pulls of the expected orders",
        minimum=5,
        maximum=3600,
    ),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """The resolved values, and where each came from."""

    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def auto_lock_minutes(self) -> int:
        """Auto-lock, kept inside the facility's bounds."""
        low = int(self.values["auto_lock_min_minutes"])
        high = max(low, int(self.values["auto_lock_max_minutes"]))
        return min(max(int(self.values["auto_lock_minutes"]), low), high)


def machine_file() -> Path:
    """The administrator's machine-wide settings file."""
    override = os.environ.get(ENV_PREFIX + "MACHINE_SETTINGS")
    if override:
        return Path(override)
    return (
        Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "settings.toml"
    )


def user_file() -> Path:
    """The user's own settings file, written by the settings dialog."""
    override = os.environ.get(ENV_PREFIX + "USER_SETTINGS")
    if override:
        return Path(override)
    return (
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"
    )


class SettingsError(ValueError):
    """A settings file or value that cannot be used; the message says which."""


def read_file(path: Path) -> dict[str, Any]:
    """The flat table of a settings file; missing is empty, broken is an error."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"settings file {path} cannot be read: {error}") from error
    unknown = sorted(set(data) - set(BY_NAME))
    if unknown:
        logger.warning("settings file %s: unknown keys ignored: %s", path, unknown)
    return {key: value for key, value in data.items() if key in BY_NAME}


def load(
    *,
    overrides: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    machine: Path | None = None,
    user: Path | None = None,
) -> Settings:
    """Resolve every setting from all its sources."""
    environ = os.environ if environ is None else environ
    layers: list[tuple[str, Mapping[str, object]]] = [
        ("machine settings", read_file(machine or machine_file())),
        ("user settings", read_file(user or user_file())),
        (
            "environment",
            {
                name: environ[ENV_PREFIX + name.upper()]
                for name in BY_NAME
                if ENV_PREFIX + name.upper() in environ
            },
        ),
        ("command line", {k: v for k, v in (overrides or {}).items() if v is not None}),
    ]

    values = {setting.name: setting.default for setting in SETTINGS}
    sources = dict.fromkeys(values, "default")
    for source, layer in layers:
        for name, raw in layer.items():
            setting = BY_NAME[name]
            if setting.locked and sources[name] == "machine settings":
                logger.warning(
                    "%s tries to change %s, which the machine settings lock; ignored",
                    source,
                    name,
                )
                continue
            try:
                values[name] = setting.coerce(raw, source)
            except ValueError as error:
                raise SettingsError(str(error)) from error
            sources[name] = source
    return Settings(values, sources)


def save_user(changes: Mapping[str, object], path: Path | None = None) -> Path:
    """Write the user's own settings (merged with what the file has)."""
    target = path or user_file()
    current = read_file(target)
    for name, value in changes.items():
        setting = BY_NAME[name]
        current[name] = setting.coerce(value, "settings dialog")

    lines = [
        f"{name} = {_toml_value(value)}" for name, value in sorted(current.items())
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(target)
    return target


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # A TOML basic string: backslash, quote and every control character (a
    # scanner's prefix may be one, pasted in) are escaped.
    escaped = "".join(
        "\\" + char
        if char in '\\"'
        else f"\\u{ord(char):04x}"
        if ord(char) < 0x20 or ord(char) == 0x7F
        else char
        for char in str(value)
    )
    return f'"{escaped}"'
