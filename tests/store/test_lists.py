"""The desk's list queries: pages after a key, rereads of changed rows."""

from __future__ import annotations

from datetime import timedelta

from concierge_app.domain import token
from concierge_app.domain.model import (
    CaptureStatus,
    Condition,
    ReceiptInfo,
    ReceiptState,
    ResultStatus,
)
from concierge_app.store import ReceiptOutcome, Store, day_bounds
from concierge_app.store.lists import waited
from concierge_app.store.records import Problem
from tests.store.conftest import START, Clock, make_draft, make_order


def _walk_today(store: Store, bounds: tuple[str, str], size: int) -> list[str]:
    seen: list[str] = []
    after = None
    while page := store.lists.today(bounds, after=after, limit=size):
        seen.extend(listed.receipt_id for listed in page)
        after = page[-1].today_key
    return seen


def test_today_pages_the_days_receipts_newest_first(store: Store, clock: Clock) -> None:
    shipment = make_order(1, packages=5)
    store.upsert_orders([shipment.order])
    made = []
    for number, printed in enumerate(shipment.tokens, start=1):
        made.append(
            store.receive(
                make_draft(
                    printed,
                    package_id=f"P-000001-1-{number}",
                    received_at=clock.advance(minutes=1),
                )
            )
        )
    yesterday = token.generate()
    store.receive(
        make_draft(yesterday, package_id=None, received_at=START - timedelta(days=1))
    )

    bounds = day_bounds(START.date())
    walked = _walk_today(store, bounds, size=2)

    assert walked == [receipt.receipt_id for receipt in reversed(made)]
    first = store.lists.today(bounds, after=None, limit=1)[0]
    assert (first.number, first.count, first.recipient) == (5, 5, "Ms Rossi")


def test_attention_lists_provisional_refused_and_lost_until_resolved(
    store: Store, clock: Clock
) -> None:
    shipment = make_order(1, packages=3)
    store.upsert_orders([shipment.order])
    made = []
    for n, printed in enumerate(shipment.tokens, start=1):
        clock.advance(seconds=1)
        made.append(store.receive(make_draft(printed, package_id=f"P-000001-1-{n}")))
    fine, refused, lost = made
    clock.advance(seconds=1)
    provisional = store.receive(
        make_draft(token.generate(), package_id=None, order_id=None, provisional=True)
    )
    store.mark_sent([(r.receipt_id, 1) for r in (fine, refused, lost)])
    store.apply_result(fine.receipt_id, 1, ReceiptOutcome(ResultStatus.REGISTERED))
    store.apply_result(
        refused.receipt_id,
        1,
        ReceiptOutcome(
            ResultStatus.REFUSED,
            problem=Problem("urn:concierge:problem:not-captured", "Not captured"),
        ),
    )
    store.apply_result(
        lost.receipt_id,
        1,
        ReceiptOutcome(
            ResultStatus.ALREADY_RECEIVED,
            winner=ReceiptInfo(START, "marco", "DESK-2"),
        ),
    )

    page = store.lists.attention(after=None, limit=10)
    assert [listed.receipt_id for listed in page] == [
        refused.receipt_id,
        lost.receipt_id,
        provisional.receipt_id,
    ]
    assert page[0].receipt.problem_type == "urn:concierge:problem:not-captured"
    assert store.lists.attention(after=page[0].attention_key, limit=10)[0] == page[1]

    store.resolve(refused.receipt_id, actor="anna", note="sent back to the boutique")
    again = store.lists.receipts([refused.receipt_id, "no-such-id"])
    assert list(again) == [refused.receipt_id]
    assert again[refused.receipt_id].receipt.resolution_note == (
        "sent back to the boutique"
    )
    assert refused.receipt_id not in {
        listed.receipt_id for listed in store.lists.attention(after=None, limit=10)
    }


def test_expected_lists_captured_packages_not_received_by_order(store: Store) -> None:
    orders = [make_order(sequence, packages=2) for sequence in (3, 1, 2)]
    cancelled = make_order(4, packages=1, capture=CaptureStatus.VOIDED)
    gone = make_order(
        5, packages=2, receipt=ReceiptInfo(START, "marco", "DESK-2", Condition.INTACT)
    )
    store.upsert_orders([*(s.order for s in orders), cancelled.order, gone.order])
    store.receive(make_draft(orders[1].tokens[0], package_id="P-000001-1-1"))

    walked = []
    after = None
    while page := store.lists.expected(search="", after=after, limit=2):
        walked.extend(package.package_id for package in page)
        after = page[-1].key

    assert walked == [
        "P-000001-1-2",
        "P-000002-1-1",
        "P-000002-1-2",
        "P-000003-1-1",
        "P-000003-1-2",
        "P-000005-1-2",
    ]
    found = store.lists.expected(search="000002", after=None, limit=10)
    assert [package.order_id for package in found] == ["1-2603-1-000002"] * 2
    assert found[0].captured_at == START - timedelta(days=1)
    assert waited(found[0].captured_at, START) == timedelta(days=1)
    changed = store.lists.expected_in(["1-2603-1-000001"], search="")
    assert [package.package_id for package in changed] == ["P-000001-1-2"]


def test_the_expected_page_is_read_through_its_index(store: Store) -> None:
    store.upsert_orders([make_order(1).order])

    plan = store._connection.execute(
        "EXPLAIN QUERY PLAN SELECT p.package_id FROM packages p"
        " WHERE p.received_at IS NULL"
        " AND (p.order_id, p.fulfillment_id, p.position) > ('', '', -1)"
        " ORDER BY p.order_id, p.fulfillment_id, p.position LIMIT 50"
    ).fetchall()

    details = " ".join(str(row[-1]) for row in plan)
    assert "packages_expected" in details
    assert "TEMP B-TREE" not in details


def test_a_refused_receipt_keeps_its_cause_for_the_list(store: Store) -> None:
    printed = token.generate()
    receipt = store.receive(make_draft(printed, package_id=None))
    store.mark_sent([(receipt.receipt_id, 1)])
    store.apply_result(
        receipt.receipt_id,
        1,
        ReceiptOutcome(
            ResultStatus.REFUSED,
            problem=Problem(
                "urn:concierge:problem:unknown-token",
                "No package has this token",
                "token_sha256: no package has this token digest",
            ),
        ),
    )

    (listed,) = store.lists.attention(after=None, limit=5)
    assert listed.receipt.state is ReceiptState.REFUSED
    assert listed.receipt.last_error is not None
    assert listed.receipt.last_error.startswith("No package has this token")
    assert (listed.number, listed.recipient) == (None, None)
