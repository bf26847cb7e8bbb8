"""The two rate budgets: fed by headers, spent before requests, capped waits."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from concierge_app.api.rate_budget import (
    ENTITIES,
    MAX_WAIT,
    REQUESTS,
    RESET_MARGIN,
    SLIDE_MARGIN,
    RateBudget,
    parse_fields,
    parse_retry_after,
)

pytestmark = pytest.mark.anyio


class FakeTime:
    """A clock that advances only when the budget sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def headers(requests: int, entities: int, reset: int = 30) -> dict[str, str]:
    return {
        "ratelimit-policy": '"requests";q=120;w=60, "entities";q=1200;w=60',
        "ratelimit": (
            f'"requests";r={requests};t={reset}, "entities";r={entities};t={reset}'
        ),
    }


def test_structured_fields_parse_and_garbage_is_ignored() -> None:
    assert parse_fields('"requests";r=5;t=3, entities;r=9') == {
        "requests": {"r": "5", "t": "3"},
        "entities": {"r": "9"},
    }
    assert parse_fields(",,;;=") == {}


async def test_an_unknown_budget_never_waits() -> None:
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)

    await budget.acquire(requests=1, entities=100)

    assert time.slept == []


async def test_the_request_budget_waits_for_its_reset_when_spent() -> None:
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=2, entities=1000, reset=20))

    await budget.acquire()
    await budget.acquire()
    await budget.acquire()

    assert time.slept == [pytest.approx(20 + RESET_MARGIN)]
    assert budget.bucket(REQUESTS).quota == 120


async def test_the_entity_budget_holds_a_batch_that_does_not_fit() -> None:
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=100, entities=50, reset=10))

    await budget.acquire(entities=40)
    await budget.acquire(entities=40)

    assert time.slept == [pytest.approx(10 + RESET_MARGIN)]
    assert budget.bucket(ENTITIES).remaining == 1200 - 40
    assert budget.max_entities() == 1200


async def test_a_429_blocks_every_request_until_its_wait_has_passed() -> None:
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=100, entities=1000))

    budget.block_for(7)
    await budget.acquire()

    assert sum(time.slept) >= 7


def test_retry_after_in_seconds_and_as_a_date() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=42), usegmt=True)

    assert parse_retry_after("17") == 17
    assert parse_retry_after(later, now=now) == pytest.approx(42)
    assert parse_retry_after(None) is None


def test_absurd_waits_are_capped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert parse_retry_after("86400") == MAX_WAIT
        assert parse_retry_after("soon") is None

    assert "capped" in caplog.text
    assert "unreadable Retry-After" in caplog.text


async def test_an_absurd_reset_in_the_headers_is_capped_too() -> None:
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=0, entities=0, reset=10**9))

    await budget.acquire()

    assert time.slept == [pytest.approx(MAX_WAIT + RESET_MARGIN)]


def test_a_retry_after_of_unicode_digits_is_unreadable_not_a_crash() -> None:
    # Found by the fuzz test: str.isdigit() accepts "²", float() does not.
    assert parse_retry_after("²") is None


async def test_no_sixty_seconds_hold_more_than_the_quota_across_a_reset() -> None:
    # A server window that ends lets a fixed-window client spend its quota
    # twice in a few seconds; the desk keeps to the quota in every window.
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=120, entities=1200, reset=60))
    time.now += 50
    for _ in range(12):
        await budget.acquire(entities=100)
    budget.update(headers(requests=108, entities=0, reset=10))
    sent_again = []
    for _ in range(12):
        await budget.acquire(entities=100)
        sent_again.append(time.now)

    assert sent_again[0] >= 1050 + 60
    assert sent_again[-1] - sent_again[0] < 1


async def test_a_read_charged_by_what_it_holds_reserves_then_settles() -> None:
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=120, entities=1200, reset=60))
    await budget.acquire(entities=1000)
    assert budget.room(ENTITIES) == 200

    spend = await budget.acquire(entities=1, reserve=200)
    assert time.slept == []
    assert budget.room(ENTITIES) == 0
    budget.settle(spend, 30)

    assert budget.room(ENTITIES) == 170
    # A reservation that does not fit waits for the oldest spend to leave.
    await budget.acquire(entities=1, reserve=400)
    assert time.now >= 1000 + 60 + SLIDE_MARGIN


async def test_a_429_with_a_short_retry_after_waits_that_long_not_the_window() -> None:
    # A throttled platform says "retry in 2 s" while the budget has room:
    # the desk waited for the end of the minute instead (found by the soak).
    time = FakeTime()
    budget = RateBudget(clock=time.clock, sleep=time.sleep)
    budget.update(headers(requests=100, entities=1000, reset=57))

    budget.block_for(2)
    await budget.acquire(entities=4)

    assert sum(time.slept) == pytest.approx(2)
