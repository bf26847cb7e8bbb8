"""Backoff with full jitter, and the status hub's snapshots to observers."""

from __future__ import annotations

import logging
import random

import pytest

from concierge_app.sync.backoff import Backoff
from concierge_app.sync.events import Connectivity, StatusHub, SyncStatus


def test_backoff_grows_exponentially_is_capped_and_resets() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(3))

    ceilings = []
    for _ in range(6):
        before = backoff.failures
        delay = backoff.next_delay()
        ceiling = min(8.0, 1.0 * 2**before)
        assert 0 <= delay <= ceiling
        ceilings.append(ceiling)
    backoff.reset()

    assert ceilings == [1, 2, 4, 8, 8, 8]
    assert backoff.failures == 0


def test_full_jitter_spreads_workstations_that_failed_together() -> None:
    delays = {
        round(Backoff(cap=60, rng=random.Random(n)).next_delay(), 3) for n in range(50)
    }

    assert len(delays) > 40


def test_a_subscriber_gets_the_current_status_then_every_change() -> None:
    hub = StatusHub(SyncStatus(Connectivity.OFFLINE))
    seen: list[Connectivity] = []

    unsubscribe = hub.subscribe(lambda status: seen.append(status.connectivity))
    hub.publish(SyncStatus(Connectivity.ONLINE, queued=2))
    unsubscribe()
    hub.publish(SyncStatus(Connectivity.DEGRADED))

    assert seen == [Connectivity.OFFLINE, Connectivity.ONLINE]


def test_a_failing_listener_is_logged_and_does_not_stop_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    hub = StatusHub(SyncStatus(Connectivity.OFFLINE))
    seen: list[int] = []

    def broken(status: SyncStatus) -> None:
        if status.queued:
            raise RuntimeError("listener bug")

    hub.subscribe(broken)
    hub.subscribe(lambda status: seen.append(status.queued))
    with caplog.at_level(logging.ERROR):
        hub.publish(SyncStatus(Connectivity.ONLINE, queued=3))

    assert seen == [0, 3]
    assert "listener failed" in caplog.text
