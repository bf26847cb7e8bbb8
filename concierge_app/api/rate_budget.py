"""The client's side of the rate limits: two budgets fed by the server's headers.

The server counts requests per minute and entities (records read or written)
per minute, and says how much is left in `RateLimit` and `RateLimit-Policy`
(draft-ietf-httpapi-ratelimit-headers). The client spends from its own copy
before each request and waits when either budget is spent, so that a 429 is
a rare correction rather than the control loop. `Retry-After` and reset
times beyond `MAX_WAIT` are capped and logged, never obeyed for hours.

The server's windows are fixed, so a client that only follows them may
spend its quota at the end of one window and again at the start of the
next. The budget also keeps a log of what it spent and never lets any 60
seconds (plus `SLIDE_MARGIN`) hold more than the quota, whatever window
the platform counts in. A read that the server charges by what it finds
(a page of orders) is sized by the caller to the room left, reserves what
it may cost, and is settled at what the answer held.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

logger = logging.getLogger(__name__)

MAX_WAIT = 300.0
"""No server hint makes the desk wait longer than five minutes at a time."""

RESET_MARGIN = 0.25
"""Seconds added after a window's reset, as the server rounds its `t`."""

SLIDE_MARGIN = 1.0
"""Seconds added to the sliding window, for the time a request takes to arrive."""

REQUESTS = "requests"
ENTITIES = "entities"


@dataclass(slots=True)
class Spend:
    """One request's cost as the sliding log holds it."""

    at: float
    requests: int
    entities: int

    def cost(self, name: str) -> int:
        """What this spend cost of the named budget."""
        return self.requests if name == REQUESTS else self.entities


@dataclass(slots=True)
class Bucket:
    """One budget as last reported: its quota, what is left, when it resets."""

    name: str
    quota: int | None = None
    window: float = 60.0
    remaining: int | None = None
    reset_at: float = 0.0


def parse_fields(value: str) -> dict[str, dict[str, str]]:
    """Parse `"name";k=v;k=v, "other";k=v` into {name: {k: v}}; never raises."""
    fields: dict[str, dict[str, str]] = {}
    for item in value.split(","):
        parts = [part.strip() for part in item.split(";")]
        name = parts[0].strip('"').strip()
        if not name:
            continue
        params: dict[str, str] = {}
        for part in parts[1:]:
            key, _, raw = part.partition("=")
            params[key.strip()] = raw.strip().strip('"')
        fields[name] = params
    return fields


def _number(params: Mapping[str, str], key: str) -> float | None:
    try:
        number = float(params[key])
    except (KeyError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def parse_retry_after(
    value: str | None, *, now: datetime | None = None
) -> float | None:
    """Seconds to wait from `Retry-After` (seconds or HTTP-date), capped."""
    if value is None:
        return None
    value = value.strip()
    seconds: float | None
    if value.isascii() and value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            logger.warning("ignoring unreadable Retry-After header %r", value[:40])
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    return cap_wait(seconds, "Retry-After")


def cap_wait(seconds: float, source: str) -> float:
    """Bound a server-requested wait to [0, MAX_WAIT], logging absurd values."""
    if not math.isfinite(seconds) or seconds > MAX_WAIT:
        logger.warning(
            "%s asked for a wait of %s s; capped at %s s", source, seconds, MAX_WAIT
        )
        return MAX_WAIT
    return max(0.0, seconds)


class RateBudget:
    """Both budgets of one client; `acquire` before a request, `update` after."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._buckets = {REQUESTS: Bucket(REQUESTS), ENTITIES: Bucket(ENTITIES)}
        self._blocked_until = 0.0
        self._lock = asyncio.Lock()
        self._spent: deque[Spend] = deque()

    def bucket(self, name: str) -> Bucket:
        """The named bucket's current view (for status displays and tests)."""
        return self._buckets[name]

    def max_entities(self) -> int | None:
        """The entity quota per window, once the server has said it."""
        return self._buckets[ENTITIES].quota

    def wait_needed(
        self, requests: int = 1, entities: int = 0, *, reserve: int | None = None
    ) -> float:
        """Seconds until both budgets can pay for this request (0 when now).

        `reserve` is what the sliding log must have room for when the server
        may charge more than `entities` (by default, `entities`)."""
        now = self._clock()
        wait = max(0.0, self._blocked_until - now)
        for bucket, cost in (
            (self._buckets[REQUESTS], requests),
            (self._buckets[ENTITIES], entities),
        ):
            self._roll(bucket, now)
            if cost and bucket.remaining is not None and bucket.remaining < cost:
                wait = max(wait, bucket.reset_at + RESET_MARGIN - now)
        wait = max(wait, self._slide_wait(REQUESTS, requests, now))
        slid = entities if reserve is None else max(entities, reserve)
        return max(wait, self._slide_wait(ENTITIES, slid, now))

    async def acquire(
        self, requests: int = 1, entities: int = 0, *, reserve: int | None = None
    ) -> Spend:
        """Wait until both budgets can pay, then spend from them.

        A request the server charges by what it finds (a page of orders)
        spends `entities` from the server's view but holds `reserve` in the
        sliding log until `settle` says what it cost."""
        async with self._lock:
            while (wait := self.wait_needed(requests, entities, reserve=reserve)) > 0:
                logger.debug("rate budget: waiting %.2f s", wait)
                await self._sleep(wait)
            for bucket, cost in (
                (self._buckets[REQUESTS], requests),
                (self._buckets[ENTITIES], entities),
            ):
                if bucket.remaining is not None:
                    bucket.remaining = max(0, bucket.remaining - cost)
            held = entities if reserve is None else max(entities, reserve)
            spend = Spend(self._clock(), requests, held)
            self._spent.append(spend)
            return spend

    def settle(self, spend: Spend, entities: int) -> None:
        """What a reserved request was charged, from its answer."""
        spend.entities = max(0, entities)

    def room(self, name: str) -> int | None:
        """What the last minute leaves of the named budget (None: not known)."""
        quota = self._buckets[name].quota
        if quota is None:
            return None
        now = self._clock()
        span = self._buckets[name].window + SLIDE_MARGIN
        used = sum(s.cost(name) for s in self._spent if s.at > now - span)
        return max(0, quota - used)

    def _slide_wait(self, name: str, cost: int, now: float) -> float:
        quota = self._buckets[name].quota
        if not cost or quota is None:
            return 0.0
        span = self._buckets[name].window + SLIDE_MARGIN
        while self._spent and self._spent[0].at <= now - span:
            self._spent.popleft()
        live = list(self._spent)
        # A cost above the quota can never fit; it waits for an empty log.
        excess = sum(s.cost(name) for s in live) + min(cost, quota) - quota
        for spend in live:
            if excess <= 0:
                break
            excess -= spend.cost(name)
            if excess <= 0 or spend is live[-1]:
                return max(0.0, spend.at + span - now)
        return 0.0

    def update(self, headers: Mapping[str, str]) -> None:
        """Take the server's view of both budgets from an answer's headers."""
        now = self._clock()
        policy = parse_fields(headers.get("ratelimit-policy", ""))
        for name, params in policy.items():
            if name in self._buckets:
                quota, window = _number(params, "q"), _number(params, "w")
                if quota is not None:
                    self._buckets[name].quota = int(quota)
                if window:
                    self._buckets[name].window = window

        for name, params in parse_fields(headers.get("ratelimit", "")).items():
            bucket = self._buckets.get(name)
            remaining, reset = _number(params, "r"), _number(params, "t")
            if bucket is None or remaining is None:
                continue
            reset_at = now + cap_wait(reset if reset is not None else 0.0, "RateLimit")
            if reset_at > bucket.reset_at + 1.0 or bucket.remaining is None:
                bucket.remaining = int(remaining)
            else:
                bucket.remaining = min(bucket.remaining, int(remaining))
            bucket.reset_at = reset_at

    def block_for(self, seconds: float) -> None:
        """After a 429: spend nothing until the server's wait has passed.

        The wait is the server's `Retry-After`, not the end of its window: a
        throttled platform may ask for seconds while the budget has room,
        and a spent budget's 429 says both (its headers are applied too)."""
        self._blocked_until = max(self._blocked_until, self._clock() + seconds)

    @staticmethod
    def _roll(bucket: Bucket, now: float) -> None:
        # Past the reset a new window has started: the whole quota is back.
        if bucket.remaining is not None and now >= bucket.reset_at + RESET_MARGIN:
            bucket.remaining = bucket.quota
            bucket.reset_at = now + bucket.window
