"""What each client sent and when, for audits of the client's manners.

The gate notes every partner request as it arrives (before any fault or
budget decides its fate) and its answer's status, `Retry-After` and the
entities it was charged. The soak reads the log through the admin API
(`GET /_sandbox/traffic`) to check, from the server's side, that a desk
kept to both budgets in every 60-second window and waited out each 429.
Times are this host's monotonic clock, in seconds.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

KEPT = 500_000
"""Visits kept; the oldest go first (a long soak sends about 20,000)."""


@dataclass(slots=True)
class Visit:
    """One request: who, what, when it arrived, and how it was answered."""

    at: float
    key: str
    method: str
    path: str
    status: int | None = None
    retry_after: int | None = None
    entities: int = 0
    answered_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The admin API's shape."""
        return {
            "at": self.at,
            "key": self.key,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "retry_after": self.retry_after,
            "entities": self.entities,
            "answered_at": self.answered_at,
        }


class TrafficLog:
    """The visits of every client, oldest first."""

    def __init__(self) -> None:
        self._visits: deque[Visit] = deque(maxlen=KEPT)
        self._lock = threading.Lock()

    def arrived(self, key: str, method: str, path: str) -> Visit:
        """Note a request as it arrives; fill in its answer later."""
        visit = Visit(time.monotonic(), key, method, path)
        with self._lock:
            self._visits.append(visit)
        return visit

    @staticmethod
    def answered(
        visit: Visit, status: int, retry_after: int | None, entities: int
    ) -> None:
        """Note how a visit was answered."""
        visit.status = status
        visit.retry_after = retry_after
        visit.entities = entities
        visit.answered_at = time.monotonic()

    def to_json(self) -> dict[str, Any]:
        """Every kept visit, and the clock now."""
        with self._lock:
            visits = [v.to_json() for v in self._visits]
        return {"now": time.monotonic(), "visits": visits}

    def clear(self) -> None:
        """Forget every visit (a soak phase starts afresh)."""
        with self._lock:
            self._visits.clear()
