"""Time as the store keeps it: UTC ISO 8601 text with microseconds.

One fixed format (`2026-03-14T10:30:00.123456+00:00`) sorts as text in time
order, so SQLite can compare and index timestamps without parsing them.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current time in UTC; the store's default clock."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """The stored form of an aware datetime, converted to UTC."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a stored time must carry its offset, got {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """The aware UTC datetime of a stored timestamp."""
    return datetime.fromisoformat(text)


def optional_text(moment: datetime | None) -> str | None:
    """`to_text` that lets a missing time through."""
    return None if moment is None else to_text(moment)


def optional_time(text: str | None) -> datetime | None:
    """`from_text` that lets a missing time through."""
    return None if text is None else from_text(text)
