"""How long the desk's list models take with 200,000 packages cached.

A one-off measurement, not part of `python -m benchmarks`: it builds a store
of 100,000 orders of two packages (about 20 s), 2,000 receipts of the day,
then times each list's first page, the next page, a pull page's worth of
changed orders, a search, and the reread of one changed receipt, printing
the best of several runs.

Usage: python -m benchmarks.lists [ORDERS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from concierge_app.domain import token
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
)
from concierge_app.store import ReceiptDraft, Store

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _token(sequence: int, number: int) -> str:
    return token.from_payload(f"{sequence:08d}{number:08d}".replace("0", "A"))


def _order(sequence: int) -> Order:
    capture = Capture(CaptureStatus.CAPTURED, NOW - timedelta(hours=5), 1, "EUR", True)
    packages = tuple(
        Package(f"P-{sequence:06d}-1-{n}", n, 2, token.digest(_token(sequence, n)))
        for n in (1, 2)
    )
    fulfillment = Fulfillment(
        f"F-{sequence:06d}-1", FulfillmentStatus.ACTIVE, capture, packages
    )
    return Order(
        f"1-2603-1-{sequence:06d}", Facility(1, 1), "Ms Rossi", NOW, (fulfillment,)
    )


def _receive(store: Store, sequence: int, at: datetime) -> None:
    printed = _token(sequence, 1)
    receipt_id = ReceiptDraft.new_id()
    store.receive(
        ReceiptDraft(
            receipt_id=receipt_id,
            token_sha256=token.digest(printed),
            proof=token.receipt_proof(printed, receipt_id),
            package_id=f"P-{sequence:06d}-1-1",
            order_id=f"1-2603-1-{sequence:06d}",
            received_by="concierge",
            received_at=at,
        )
    )


def _best(label: str, work: Callable[[], object], repeat: int = 20) -> None:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    print(f"{label}: {best * 1000:.2f} ms (best of {repeat})")


def main(orders: int = 100_000) -> None:
    """Build the store and print the timings."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from concierge_app.ui.lists.attention_model import AttentionModel
    from concierge_app.ui.lists.expected_model import ExpectedModel
    from concierge_app.ui.lists.today_model import TodayModel
    from concierge_app.ui.qt import QApplication, QModelIndex

    app = QApplication.instance() or QApplication([])
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder), clock=lambda: NOW) as store,
    ):
        started = time.perf_counter()
        for first in range(1, orders + 1, 5000):
            last = min(first + 5000, orders + 1)
            store.upsert_orders([_order(n) for n in range(first, last)])
        print(
            f"cache: {store.package_count()} packages in "
            f"{time.perf_counter() - started:.1f} s"
        )
        for n in range(1, 2001):
            _receive(store, n * 37 % orders + 1, NOW - timedelta(seconds=n))

        expected = ExpectedModel(store.lists, now=lambda: NOW)
        _best("Expected: first page", expected.reload)
        _best("Expected: next page", lambda: expected.fetchMore(QModelIndex()))
        changed = [f"1-2603-1-{n:06d}" for n in range(1, orders + 1, orders // 500)]
        _best("Expected: 500 changed orders", lambda: expected.orders_changed(changed))
        _best(
            "Expected: search near the end, and back",
            lambda: (expected.set_search(f"{orders - 1:06d}"), expected.set_search("")),
            5,
        )
        today = TodayModel(store.lists, today=lambda: NOW.date())
        _best("Today: first page of 2,000", today.reload)
        receipt_id = today.rows()[5].receipt_id
        _best(
            "Today: one changed receipt", lambda: today.receipts_changed([receipt_id])
        )
        attention = AttentionModel(store.lists)
        _best("Needs attention: first page", attention.reload)
        print(f"rows held: expected {expected.rowCount()}, today {today.rowCount()}")
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
