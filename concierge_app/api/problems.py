"""Reading `application/problem+json` answers (RFC 9457) without ever raising.

The contract gives each cause a stable type `urn:concierge:problem:<name>`;
`Problem.name` is that last part, and anything malformed still gives a
usable `Problem` built from the HTTP status.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

TYPE_PREFIX = "urn:concierge:problem:"
MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem answer: the stable cause `name`, the status and the words."""

    status: int
    name: str
    title: str = ""
    detail: str = ""

    @property
    def type(self) -> str:
        """The full problem type URI."""
        return TYPE_PREFIX + self.name


def parse_problem(status: int, body: bytes | str) -> Problem:
    """The problem in an error answer; a fallback named after the status."""
    fallback = Problem(status=status, name=f"http-{status}")
    try:
        data = json.loads(body)
    except (ValueError, TypeError, RecursionError):
        return fallback
    return problem_from_mapping(data, status=status) or fallback


def problem_from_mapping(data: Any, *, status: int) -> Problem | None:
    """A problem from an already decoded JSON value, or None if it is not one."""
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if not isinstance(kind, str) or not kind.startswith(TYPE_PREFIX):
        return None
    name = kind.removeprefix(TYPE_PREFIX)[:100]
    return Problem(
        status=status,
        name=name,
        title=_text(data.get("title")),
        detail=_text(data.get("detail")),
    )


def _text(value: object) -> str:
    return value[:MAX_TEXT] if isinstance(value, str) else ""
