"""The store's queries behind the handover receipt and the day's report."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest

from concierge_app.domain.model import Condition, ReceiptInfo, ReceiptState
from concierge_app.store import Problem, ReceiptOutcome, ResultStatus, Store
from concierge_app.store.reports import local_day_bounds
from tests.store.conftest import FACILITY, START, Clock, make_draft, make_order

REGISTERED = ReceiptOutcome(ResultStatus.REGISTERED)
LOST = ReceiptOutcome(
    ResultStatus.ALREADY_RECEIVED,
    winner=ReceiptInfo(START - timedelta(minutes=3), "marco", "ws-lobby-2"),
)
REFUSED = ReceiptOutcome(
    ResultStatus.REFUSED,
    problem=Problem("urn:concierge:problem:bad-proof", "Bad proof"),
)


@pytest.fixture
def local_utc(monkeypatch: pytest.MonkeyPatch):
    """This computer's zone is UTC for the test, so local dates are known."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _log_in_once(store: Store) -> None:
    store.save_verifier(
        "anna",
        "a password",
        display_name="Anna Bianchi",
        role="concierge",
        facility=FACILITY,
        facility_name="The Plein Hotel",
        ttl=timedelta(days=7),
    )


def test_a_handover_receipt_lists_the_shipment_received_and_expected(
    store: Store, clock: Clock
) -> None:
    _log_in_once(store)
    shipment = make_order(1, packages=3)
    store.upsert_orders([shipment.order])
    packages = shipment.order.fulfillments[0].packages
    first = store.receive(
        make_draft(shipment.tokens[0], package_id=packages[0].package_id)
    )
    clock.advance(minutes=1)
    third = store.receive(
        make_draft(
            shipment.tokens[2],
            package_id=packages[2].package_id,
            received_at=clock.now,
            condition=Condition.DAMAGED,
            note="corner crushed",
        )
    )

    receipt = store.handover("F-000001-1")

    assert receipt is not None
    assert (receipt.order_id, receipt.recipient) == ("1-2603-1-000001", "Ms Rossi")
    assert (receipt.facility, receipt.facility_name) == (FACILITY, "The Plein Hotel")
    assert receipt.workstation_id == store.workstation_id
    assert [p.number for p in receipt.received] == [1, 3]
    assert [p.number for p in receipt.expected] == [2]
    one, two, three = receipt.packages
    assert (one.receipt_id, one.received_by, one.condition) == (
        first.receipt_id,
        "Anna Bianchi",
        Condition.INTACT,
    )
    assert one.received_at == START
    assert one.here
    assert one.state is ReceiptState.QUEUED
    assert (three.receipt_id, three.condition, three.note) == (
        third.receipt_id,
        Condition.DAMAGED,
        "corner crushed",
    )
    assert not two.received
    assert two.receipt_id is None
    assert two.condition is None


def test_a_package_received_at_another_workstation_has_no_receipt_id_here(
    store: Store,
) -> None:
    elsewhere = ReceiptInfo(START, "marco", "ws-lobby-2", Condition.INTACT)
    shipment = make_order(2, packages=2, receipt=elsewhere)
    store.upsert_orders([shipment.order])

    receipt = store.handover("F-000002-1")

    assert receipt is not None
    first = receipt.packages[0]
    assert first.received
    assert not first.here
    assert (first.receipt_id, first.received_by) == (None, "marco")
    assert receipt.facility_name == ""


def test_a_refused_receipt_leaves_its_package_expected(store: Store) -> None:
    shipment = make_order(3, packages=1)
    store.upsert_orders([shipment.order])
    draft = make_draft(shipment.tokens[0], package_id="P-000003-1-1")
    store.receive(draft)
    store.mark_sent([(draft.receipt_id, 1)])
    store.apply_result(draft.receipt_id, 1, REFUSED)

    receipt = store.handover("F-000003-1")

    assert receipt is not None
    assert receipt.received == ()


def test_an_unknown_shipment_has_no_handover_receipt(store: Store) -> None:
    assert store.handover("F-999999-1") is None


def test_the_days_report_lists_each_receipt_of_the_day_with_its_state(
    store: Store, clock: Clock, local_utc: None
) -> None:
    _log_in_once(store)
    shipment = make_order(4, packages=4)
    store.upsert_orders([shipment.order])
    ids = []
    for number, minutes in ((1, 0), (2, 5), (3, 10)):
        draft = make_draft(
            shipment.tokens[number - 1],
            package_id=f"P-000004-1-{number}",
            order_id=shipment.order.order_id,
            received_at=START + timedelta(minutes=minutes),
        )
        ids.append(store.receive(draft).receipt_id)
    provisional = store.receive(
        make_draft(
            shipment.tokens[3],
            package_id=None,
            order_id=None,
            provisional=True,
            received_at=START + timedelta(minutes=20),
        )
    )
    yesterday = make_order(5, packages=1)
    store.receive(
        make_draft(
            yesterday.tokens[0],
            package_id="P-000005-1-1",
            received_at=START - timedelta(days=1),
        )
    )
    store.mark_sent([(ids[0], 1), (ids[1], 1)])
    store.apply_result(ids[0], 1, REGISTERED)
    store.apply_result(ids[1], 1, LOST)

    report = store.day_report(date(2026, 3, 14))

    assert [line.receipt_id for line in report.lines] == [*ids, provisional.receipt_id]
    registered, lost, queued, unknown = report.lines
    assert (registered.state, registered.confirmed) == (ReceiptState.REGISTERED, True)
    assert (registered.number, registered.count) == (1, 4)
    assert registered.display_name == "Anna Bianchi"
    assert (lost.state, lost.winner_by, lost.needs_attention) == (
        ReceiptState.ALREADY_RECEIVED,
        "marco",
        True,
    )
    assert (queued.state, queued.needs_attention) == (ReceiptState.QUEUED, False)
    assert unknown.provisional
    assert unknown.needs_attention
    assert (unknown.order_id, unknown.number) == (None, None)
    assert report.needing_attention == 2
    assert report.by_state()[ReceiptState.QUEUED] == 2
    assert report.facility_names == ("The Plein Hotel",)
    assert report.start == datetime(2026, 3, 14).astimezone()


def test_a_day_with_no_receipts_reports_none(store: Store) -> None:
    report = store.day_report(date(2026, 1, 1))

    assert report.lines == ()
    assert sum(report.by_state().values()) == 0


def test_a_local_day_follows_the_zone_across_a_clock_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Europe/Rome")
    time.tzset()
    try:
        start, end = local_day_bounds(date(2026, 3, 29))
        normal = local_day_bounds(date(2026, 3, 14))
    finally:
        monkeypatch.undo()
        time.tzset()

    assert end - start == timedelta(hours=23)
    assert normal[1] - normal[0] == timedelta(hours=24)
    assert start.utcoffset() == timedelta(hours=1)
    assert end.utcoffset() == timedelta(hours=2)
