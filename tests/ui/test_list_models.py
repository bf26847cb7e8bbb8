"""The list models over a real store: pages, not whole lists; changed rows only.

The store is a real SQLite file under tmp_path, filled with thousands of
cached packages; the models are driven the way Qt's views drive them
(`rowCount`, `canFetchMore`, `fetchMore`) and told about changes the way the
desk tells them (receipt and order ids).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from concierge_app.domain import token
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Condition,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
    ResultStatus,
)
from concierge_app.store import ReceiptDraft, ReceiptOutcome, Store
from concierge_app.ui.lists.attention_model import AttentionModel
from concierge_app.ui.lists.expected_model import ExpectedModel
from concierge_app.ui.lists.today_model import TodayModel

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
ORDERS = 5000
PACKAGES_PER_ORDER = 2


def _order(sequence: int, manna: bool = True) -> Order:
    capture = Capture(
        CaptureStatus.CAPTURED, NOW - timedelta(hours=5), 1000, "EUR", manna
    )
    packages = tuple(
        Package(
            f"P-{sequence:06d}-1-{n}",
            n,
            PACKAGES_PER_ORDER,
            token.digest(_token(sequence, n)),
        )
        for n in range(1, PACKAGES_PER_ORDER + 1)
    )
    fulfillment = Fulfillment(
        f"F-{sequence:06d}-1", FulfillmentStatus.ACTIVE, capture, packages
    )
    return Order(
        f"1-2603-1-{sequence:06d}", Facility(1, 1), "Ms Rossi", NOW, (fulfillment,)
    )


def _token(sequence: int, number: int) -> str:
    return token.from_payload(f"{sequence:08d}{number:08d}".replace("0", "A"))


def _receive(store: Store, sequence: int, number: int, at: datetime) -> str:
    printed = _token(sequence, number)
    receipt_id = ReceiptDraft.new_id()
    store.receive(
        ReceiptDraft(
            receipt_id=receipt_id,
            token_sha256=token.digest(printed),
            proof=token.receipt_proof(printed, receipt_id),
            package_id=f"P-{sequence:06d}-1-{number}",
            order_id=f"1-2603-1-{sequence:06d}",
            received_by="concierge",
            received_at=at,
        )
    )
    return receipt_id


@pytest.fixture(scope="module")
def big_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big-store")
    with Store.open(folder) as store:
        store.upsert_orders([_order(n) for n in range(1, ORDERS + 1)])
    return folder


@pytest.fixture
def store(big_store_dir: Path, tmp_path: Path) -> Iterator[Store]:
    # A copy per test, so each starts from the same cache.
    folder = tmp_path / "store"
    folder.mkdir()
    for item in big_store_dir.iterdir():
        if item.suffix == ".sqlite3":
            (folder / item.name).write_bytes(item.read_bytes())
    with Store.open(folder, clock=lambda: NOW) as opened:
        assert opened.package_count() == ORDERS * PACKAGES_PER_ORDER
        yield opened


def test_expected_reads_one_page_of_many_thousands(english, store: Store) -> None:
    model = ExpectedModel(store.lists, now=lambda: NOW)

    model.reload()

    assert model.rowCount() == model.page_size
    assert model.rows_read == model.page_size
    assert model.canFetchMore(QModelIndex())
    first = model.index(0, ExpectedModel.ORDER).data()
    assert first == "1-2603-1-000001"
    assert model.index(0, ExpectedModel.WAITED).data() == "5 hours 0 minutes"

    model.fetchMore(QModelIndex())

    assert model.rowCount() == 2 * model.page_size
    assert model.rows_read == 2 * model.page_size


def test_expected_rereads_only_the_orders_that_changed(english, store: Store) -> None:
    model = ExpectedModel(store.lists, now=lambda: NOW)
    model.reload()
    before = model.rows_read
    _receive(store, 1, 1, NOW)

    model.orders_changed(["1-2603-1-000001", "1-2603-1-004999"])

    # The far order lies past the page held: nothing is read for it.
    assert model.rows_read - before == 1
    assert [row.package_id for row in model.rows()[:2]] == [
        "P-000001-1-2",
        "P-000002-1-1",
    ]
    assert model.rowCount() == model.page_size - 1


def test_expected_search_narrows_to_an_order(english, store: Store) -> None:
    model = ExpectedModel(store.lists, now=lambda: NOW)
    model.reload()

    model.set_search("004321")

    assert [row.order_id for row in model.rows()] == ["1-2603-1-004321"] * 2
    assert not model.canFetchMore(QModelIndex())


def test_today_puts_a_new_receipt_on_top_and_updates_it_in_place(
    english, store: Store
) -> None:
    for number in range(1, 6):
        _receive(store, number, 1, NOW - timedelta(minutes=10 - number))
    model = TodayModel(store.lists, today=lambda: NOW.date(), page_size=3)
    model.reload()
    assert model.rowCount() == 3
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: changes.append((a.row(), b.row())))

    newest = _receive(store, 9, 1, NOW)
    model.receipts_changed([newest])
    store.mark_sent([(newest, 1)])
    model.receipts_changed([newest])

    assert model.rowCount() == 4
    assert model.row_at(0).receipt_id == newest
    assert model.index(0, TodayModel.STATE).data() == "Sent"
    assert model.index(0, TodayModel.PACKAGE).data() == "1 of 2"
    assert model.index(0, TodayModel.SCANNED_BY).data() == "concierge"
    assert changes == [(0, 0)]

    model.fetchMore(QModelIndex())
    assert model.rowCount() == 6
    assert not model.canFetchMore(QModelIndex())


def test_attention_shows_cause_and_drops_a_resolved_receipt(
    english, store: Store
) -> None:
    lost = _receive(store, 7, 2, NOW)
    store.mark_sent([(lost, 1)])
    store.apply_result(
        lost,
        1,
        ReceiptOutcome(
            ResultStatus.ALREADY_RECEIVED,
            winner=ReceiptInfo(NOW, "marco", "DESK-2", Condition.INTACT),
        ),
    )
    model = AttentionModel(store.lists)
    model.reload()

    assert model.rowCount() == 1
    assert model.index(0, AttentionModel.STATE).data() == "Already received elsewhere"
    assert (
        "Registered first by marco at DESK-2"
        in model.index(0, AttentionModel.CAUSE).data()
    )
    assert "not counted twice" in model.index(0, AttentionModel.ACTION).data()

    store.resolve(lost, actor="concierge", note="counted once, checked the shelf")
    model.receipts_changed([lost])

    assert model.rowCount() == 0


def test_an_override_is_marked_in_the_today_list(english, store: Store) -> None:
    printed = _token(11, 1)
    receipt_id = ReceiptDraft.new_id()
    store.receive(
        ReceiptDraft(
            receipt_id=receipt_id,
            token_sha256=token.digest(printed),
            proof=token.receipt_proof(printed, receipt_id),
            package_id="P-000011-1-1",
            order_id="1-2603-1-000011",
            received_by="concierge",
            received_at=NOW,
            override_by="supervisor",
            override_note="papers follow",
        )
    )
    model = TodayModel(store.lists, today=lambda: NOW.date())
    model.reload()

    cell = model.index(0, TodayModel.OVERRIDE)
    assert cell.data() == "Supervisor override: supervisor"
    assert "papers follow" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
