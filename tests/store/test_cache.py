"""The order cache: what the pull stores, and what a scan reads back."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

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
)
from concierge_app.store import Problem, ReceiptOutcome, ResultStatus, Store
from tests.store.conftest import START, make_draft, make_order


def test_an_upserted_order_reads_back_equal(store: Store) -> None:
    shipment = make_order(1, packages=3)

    assert store.upsert_orders([shipment.order]) == 1

    assert store.get_order(shipment.order.order_id) == shipment.order
    assert store.package_count() == 3


def test_an_order_with_several_fulfillments_keeps_their_order(store: Store) -> None:
    first = make_order(7, packages=2).order
    second_packages = tuple(
        Package(f"P-7-2-{n}", n, 2, token.digest(token.generate())) for n in (1, 2)
    )
    second = Fulfillment(
        "F-000007-0",
        FulfillmentStatus.CANCELLED,
        Capture(CaptureStatus.VOIDED, None, 0, "EUR", False),
        second_packages,
    )
    order = Order(
        first.order_id,
        first.facility,
        first.recipient,
        first.updated_at,
        (*first.fulfillments, second),
    )

    store.upsert_orders([order])

    assert store.get_order(order.order_id) == order


def test_find_package_by_digest(store: Store) -> None:
    shipment = make_order(1, packages=2)
    store.upsert_orders([make_order(2).order, shipment.order, make_order(3).order])

    found = store.find_package(shipment.digests[1])

    assert found is not None
    order, fulfillment, package = found
    assert order == shipment.order
    assert fulfillment == shipment.order.fulfillments[0]
    assert package.number == 2
    assert package.token_digest == shipment.digests[1]


def test_find_package_of_an_unknown_digest(store: Store) -> None:
    store.upsert_orders([make_order(1).order])

    assert store.find_package(token.digest(token.generate())) is None
    assert store.get_order("1-2603-1-999999") is None


def test_find_package_merges_the_desks_own_receipt(store: Store) -> None:
    shipment = make_order(1, packages=2)
    store.upsert_orders([shipment.order])
    store.receive(make_draft(shipment.tokens[0], condition=Condition.DAMAGED))

    found = store.find_package(shipment.digests[1])

    assert found is not None
    first, second = found[1].packages
    assert first.receipt == ReceiptInfo(
        START, "anna", store.workstation_id, Condition.DAMAGED
    )
    assert second.receipt is None
    assert found[2] == second


def test_a_provisional_receipt_merges_once_its_package_arrives(store: Store) -> None:
    shipment = make_order(1, packages=1)
    store.receive(
        make_draft(shipment.tokens[0], package_id=None, order_id=None, provisional=True)
    )

    store.upsert_orders([shipment.order])

    found = store.find_package(shipment.digests[0])
    assert found is not None
    assert found[2].receipt is not None
    assert found[2].receipt.received_by == "anna"


def test_a_refused_local_receipt_is_not_merged(store: Store) -> None:
    shipment = make_order(1, packages=1)
    store.upsert_orders([shipment.order])
    refused = store.receive(make_draft(shipment.tokens[0]))
    store.apply_result(
        refused.receipt_id,
        1,
        ReceiptOutcome(ResultStatus.REFUSED, problem=Problem("x", "Refused")),
    )

    found = store.find_package(shipment.digests[0])

    assert found is not None
    assert found[2].receipt is None


def test_a_lost_local_receipt_merges_as_the_winners(store: Store) -> None:
    shipment = make_order(1, packages=1)
    store.upsert_orders([shipment.order])
    ours = store.receive(make_draft(shipment.tokens[0]))
    winner = ReceiptInfo(START - timedelta(minutes=1), "marco", "ws-2")
    store.apply_result(
        ours.receipt_id,
        1,
        ReceiptOutcome(ResultStatus.ALREADY_RECEIVED, winner=winner),
    )

    found = store.find_package(shipment.digests[0])

    assert found is not None
    assert found[2].receipt == winner


def test_the_servers_receipt_wins_over_the_local_one(store: Store) -> None:
    elsewhere = ReceiptInfo(START - timedelta(hours=1), "marco", "ws-2")
    shipment = make_order(1, packages=1, receipt=elsewhere)
    store.upsert_orders([shipment.order])
    store.receive(make_draft(shipment.tokens[0]))

    found = store.find_package(shipment.digests[0])

    assert found is not None
    assert found[2].receipt == elsewhere


def test_a_newer_copy_replaces_the_order_whole(store: Store) -> None:
    old = make_order(1, packages=3)
    store.upsert_orders([old.order])
    new = make_order(1, packages=2, updated_at=START + timedelta(minutes=5))

    assert store.upsert_orders([new.order]) == 1

    assert store.get_order(new.order.order_id) == new.order
    assert store.package_count() == 2
    assert store.find_package(old.digests[2]) is None


def test_an_older_copy_does_not_overwrite_a_newer_one(store: Store) -> None:
    new = make_order(1, updated_at=START + timedelta(minutes=5), recipient="Ms New")
    store.upsert_orders([new.order])
    old = make_order(1, updated_at=START, recipient="Ms Old")

    assert store.upsert_orders([old.order]) == 0

    assert store.get_order(new.order.order_id) == new.order


def test_within_one_page_the_newest_copy_wins(store: Store) -> None:
    newer = make_order(1, updated_at=START + timedelta(minutes=1), recipient="New")
    older = make_order(1, updated_at=START, recipient="Old")

    assert store.upsert_orders([newer.order, older.order]) == 1

    assert store.get_order(newer.order.order_id) == newer.order


def test_an_empty_page_writes_nothing(store: Store) -> None:
    assert store.upsert_orders([]) == 0
    assert store.package_count() == 0


def test_cursors_keep_their_last_value(store: Store) -> None:
    assert store.get_cursor("orders") is None

    store.set_cursor("orders", "2026-03-14T10:30:00.000000+00:00|1-2603-1-000001")
    store.set_cursor("orders", "next")
    store.set_cursor("keys", "k1")

    assert store.get_cursor("orders") == "next"
    assert store.get_cursor("keys") == "k1"


def test_the_cache_survives_a_restart(store: Store, clock: object) -> None:
    shipment = make_order(1)
    store.upsert_orders([shipment.order])
    store.set_cursor("orders", "c1")
    data_dir = store.path.parent
    store.close()

    with Store.open(data_dir) as again:
        assert again.get_order(shipment.order.order_id) == shipment.order
        assert again.get_cursor("orders") == "c1"


@pytest.mark.slow
def test_two_hundred_thousand_packages_in_a_few_pages(store: Store) -> None:
    capture = Capture(CaptureStatus.CAPTURED, START, 99000, "EUR", True)
    facility = Facility(1, 1)

    def page(first: int) -> list[Order]:
        orders = []
        for sequence in range(first, first + 25_000):
            digests = [
                hashlib.sha256(f"{sequence}/{n}".encode()).hexdigest() for n in (1, 2)
            ]
            packages = tuple(
                Package(f"P-{sequence}-{n}", n, 2, digest)
                for n, digest in enumerate(digests, start=1)
            )
            fulfillment = Fulfillment(
                f"F-{sequence}", FulfillmentStatus.ACTIVE, capture, packages
            )
            orders.append(
                Order(
                    f"1-2603-1-{sequence:06d}", facility, "Guest", START, (fulfillment,)
                )
            )
        return orders

    for first in range(1, 100_001, 25_000):
        assert store.upsert_orders(page(first)) == 25_000

    assert store.package_count() == 200_000
    wanted = hashlib.sha256(b"77777/2").hexdigest()
    found = store.find_package(wanted)
    assert found is not None
    assert found[0].order_id == "1-2603-1-077777"
    assert found[2].number == 2
