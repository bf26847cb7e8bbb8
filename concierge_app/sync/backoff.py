"""Capped exponential backoff with full jitter, for retries after failures.

Full jitter (a uniform wait between zero and the capped exponential) keeps
several workstations that lost the network together from retrying in step.
"""

from __future__ import annotations

import random


class Backoff:
    """The wait before the next retry; `reset` after a success."""

    def __init__(
        self,
        *,
        base: float = 0.5,
        cap: float = 60.0,
        rng: random.Random | None = None,
    ) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0
        # Jitter only spreads retries; it needs no cryptographic randomness.
        self._rng = rng or random.Random()  # noqa: S311

    def next_delay(self) -> float:
        """Seconds to wait now, after one more failure."""
        ceiling = min(self.cap, self.base * 2**self.failures)
        self.failures = min(self.failures + 1, 32)
        return self._rng.uniform(0, ceiling)

    def reset(self) -> None:
        """Forget past failures."""
        self.failures = 0
