"""The two rate budgets of the contract: requests and entities per minute.

Each client (a user at a workstation, or an address before it has logged
in) has fixed 60-second windows that start with its first request. A
request is admitted when one request is left; what it reads or writes is
charged as entities, and a request whose entities do not fit is refused
whole. The headers follow draft-ietf-httpapi-ratelimit-headers.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from concierge_app.sandbox.config import RateBudget

WINDOW_SECONDS = 60


@dataclass(slots=True)
class Window:
    """One client's current window and what it has used so far."""

    started: float
    requests: int = 0
    entities: int = 0


class RateLimitedError(Exception):
    """A budget is spent; `retry_after` is whole seconds until the window resets."""

    def __init__(self, budget: str, retry_after: int) -> None:
        super().__init__(f"the {budget} budget of this minute is spent")
        self.budget = budget
        self.retry_after = retry_after


class RateLimiter:
    """Budgets per client key, with limits the admin API may change."""

    def __init__(
        self, budget: RateBudget, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.budget = budget
        self._clock = clock
        self._windows: dict[str, Window] = {}

    def window(self, key: str) -> Window:
        """The client's window, opening a new one when the last has ended."""
        now = self._clock()
        window = self._windows.get(key)
        if window is None or now - window.started >= WINDOW_SECONDS:
            window = Window(started=now)
            self._windows[key] = window
        return window

    def admit(self, key: str) -> Window:
        """Count one request, or raise `RateLimitedError` when none is left."""
        window = self.window(key)
        if window.requests >= self.budget.requests_per_minute:
            raise RateLimitedError("requests", self.retry_after(window))
        window.requests += 1
        return window

    def entities_left(self, window: Window) -> int:
        """How many entities this window still allows."""
        return max(0, self.budget.entities_per_minute - window.entities)

    def charge(self, window: Window, entities: int) -> None:
        """Charge entities, or raise `RateLimitedError` (charging nothing) when they do
        not fit."""
        if entities > self.entities_left(window):
            raise RateLimitedError("entities", self.retry_after(window))
        window.entities += entities

    def retry_after(self, window: Window) -> int:
        """Whole seconds until the window resets, at least one."""
        return max(1, self._reset_in(window))

    def headers(self, window: Window | None) -> dict[str, str]:
        """RateLimit-Policy and RateLimit for an answer to this window's client."""
        budget = self.budget
        policy = (
            f'"requests";q={budget.requests_per_minute};w={WINDOW_SECONDS}, '
            f'"entities";q={budget.entities_per_minute};w={WINDOW_SECONDS}'
        )
        if window is None:
            requests_left, entities_left, reset = (
                budget.requests_per_minute,
                budget.entities_per_minute,
                WINDOW_SECONDS,
            )
        else:
            requests_left = max(0, budget.requests_per_minute - window.requests)
            entities_left = self.entities_left(window)
            reset = self._reset_in(window)
        state = (
            f'"requests";r={requests_left};t={reset}, '
            f'"entities";r={entities_left};t={reset}'
        )
        return {"RateLimit-Policy": policy, "RateLimit": state}

    def _reset_in(self, window: Window) -> int:
        elapsed = self._clock() - window.started
        return max(0, math.ceil(WINDOW_SECONDS - elapsed))
