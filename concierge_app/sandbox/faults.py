"""Fault switches: the ways a real network and a real platform misbehave.

A sandbox that always answers promptly teaches a client nothing. These
switches add latency, answer a share of requests with a server error, reset
a share of connections without any answer, and, for receipts, commit the
batch and then reset the connection so the desk never learns the outcome,
rotate a refresh token and lose the answer the same way, and answer a
share of requests 429 with a `Retry-After` (a throttling storm
the client's own budget could not foresee).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any

ERROR_STATUSES = (500, 502, 503)

_SPEC_KEYS = {
    "latency": "latency_ms",
    "error": "error_rate",
    "reset": "reset_rate",
    "drop": "drop_after_commit_rate",
    "drop_refresh": "drop_refresh_rate",
    "throttle": "throttle_rate",
    "retry_after": "throttle_seconds",
}


_RATES = (
    "error_rate",
    "reset_rate",
    "drop_after_commit_rate",
    "drop_refresh_rate",
    "throttle_rate",
)


class FaultSpecError(ValueError):
    """A fault spec or admin body that does not read; the message says why."""


@dataclass(frozen=True, slots=True)
class Faults:
    """The current switches; every rate is a share of requests, 0 to 1."""

    latency_ms: int = 0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = field(default=ERROR_STATUSES)
    reset_rate: float = 0.0
    drop_after_commit_rate: float = 0.0
    drop_refresh_rate: float = 0.0
    throttle_rate: float = 0.0
    throttle_seconds: int = 2

    def __post_init__(self) -> None:
        if not 0 <= self.latency_ms <= 60_000:
            raise FaultSpecError("latency must be 0 to 60000 milliseconds")
        if not 1 <= self.throttle_seconds <= 300:
            raise FaultSpecError("throttle_seconds must be 1 to 300")
        for name in _RATES:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise FaultSpecError(f"{name} must be between 0 and 1")
        if not self.error_statuses or any(
            status not in ERROR_STATUSES for status in self.error_statuses
        ):
            raise FaultSpecError("error statuses must be some of 500, 502, 503")

    def to_json(self) -> dict[str, Any]:
        """The admin API's shape."""
        return {
            "latency_ms": self.latency_ms,
            "error_rate": self.error_rate,
            "error_statuses": list(self.error_statuses),
            "reset_rate": self.reset_rate,
            "drop_after_commit_rate": self.drop_after_commit_rate,
            "drop_refresh_rate": self.drop_refresh_rate,
            "throttle_rate": self.throttle_rate,
            "throttle_seconds": self.throttle_seconds,
        }

    def updated(self, body: object) -> Faults:
        """These faults with the members of an admin PUT body applied."""
        if not isinstance(body, dict):
            raise FaultSpecError("the body must be a JSON object")
        changes: dict[str, Any] = {}
        for name, value in body.items():
            if name in ("latency_ms", "throttle_seconds"):
                changes[name] = _number(name, value, integer=True)
            elif name in _RATES:
                changes[name] = _number(name, value, integer=False)
            elif name == "error_statuses":
                if not isinstance(value, list) or not all(
                    type(status) is int for status in value
                ):
                    raise FaultSpecError("error_statuses must be a list of integers")
                changes[name] = tuple(value)
            else:
                raise FaultSpecError(f"unknown fault {name!r}")
        return replace(self, **changes)


def parse_spec(spec: str) -> Faults:
    """Read `latency=200,error=0.3,reset=0.1,drop=0.2` (any subset, any order)."""
    changes: dict[str, Any] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        name = _SPEC_KEYS.get(key.strip())
        if not sep or name is None:
            known = ", ".join(_SPEC_KEYS)
            raise FaultSpecError(
                f"fault {part!r} is not NAME=VALUE with NAME in {known}"
            )
        try:
            number = float(value)
        except ValueError:
            raise FaultSpecError(f"fault {key}: {value!r} is not a number") from None
        integer = name in ("latency_ms", "throttle_seconds")
        changes[name] = int(number) if integer else number
    return Faults(**changes)


def _number(name: str, value: object, *, integer: bool) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultSpecError(f"{name} must be a number")
    if integer:
        if value != int(value):
            raise FaultSpecError(f"{name} must be a whole number")
        return int(value)
    return float(value)


class FaultDice:
    """Rolls the switches for each request, from one seeded generator."""

    def __init__(self, faults: Faults, seed: int) -> None:
        self.faults = faults
        self._random = random.Random(f"faults:{seed}")

    def error_status(self) -> int | None:
        """A server error to answer instead of the request, or None."""
        if self.faults.error_rate and self._random.random() < self.faults.error_rate:
            return self._random.choice(self.faults.error_statuses)
        return None

    def reset(self) -> bool:
        """True when this connection is to be reset without an answer."""
        rate = self.faults.reset_rate
        return bool(rate) and self._random.random() < rate

    def throttle(self) -> int | None:
        """The Retry-After of an injected 429 for this request, or None."""
        rate = self.faults.throttle_rate
        if rate and self._random.random() < rate:
            return self.faults.throttle_seconds
        return None

    def drop_refresh(self) -> bool:
        """True when this refresh is rotated and its answer dropped."""
        rate = self.faults.drop_refresh_rate
        return bool(rate) and self._random.random() < rate

    def drop_after_commit(self) -> bool:
        """True when this receipt batch is committed and its answer dropped."""
        rate = self.faults.drop_after_commit_rate
        return bool(rate) and self._random.random() < rate
