"""The cache of expected orders: what the pull brings, read on every scan.

An order is stored whole: each upsert replaces the order's fulfillments and
packages with the copy the server sent, unless the cache already holds a
newer copy (pages and single-order fetches may arrive out of order). Reading
merges the desk's own live receipts into each package, so a package
received here a second ago reads as received before the server knows it.

TODO: nothing leaves the cache yet; orders received in full long ago should
be dropped after their retention, or the file only ever grows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

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
from concierge_app.store.connection import transaction
from concierge_app.store.timestamps import from_text, optional_text, to_text

# SQLite accepts up to 32,766 host parameters; stay far below it.
_CHUNK = 500

_UPSERT_ORDER = """
    INSERT INTO orders (order_id, tenant, partner, recipient, updated_at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (order_id) DO UPDATE SET
        tenant = excluded.tenant, partner = excluded.partner,
        recipient = excluded.recipient, updated_at = excluded.updated_at
"""
_UPSERT_FULFILLMENT = """
    INSERT INTO fulfillments (fulfillment_id, order_id, position, status,
        capture_status, captured_at, amount_minor, currency, manna_issued)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (fulfillment_id) DO UPDATE SET
        order_id = excluded.order_id, position = excluded.position,
        status = excluded.status, capture_status = excluded.capture_status,
        captured_at = excluded.captured_at, amount_minor = excluded.amount_minor,
        currency = excluded.currency, manna_issued = excluded.manna_issued
"""
_UPSERT_PACKAGE = """
    INSERT INTO packages (package_id, fulfillment_id, order_id, position, number,
        count, token_sha256, received_at, received_by, received_workstation_id,
        received_condition)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (package_id) DO UPDATE SET
        fulfillment_id = excluded.fulfillment_id, order_id = excluded.order_id,
        position = excluded.position, number = excluded.number,
        count = excluded.count, token_sha256 = excluded.token_sha256,
        received_at = excluded.received_at, received_by = excluded.received_by,
        received_workstation_id = excluded.received_workstation_id,
        received_condition = excluded.received_condition
"""


def upsert_orders(connection: sqlite3.Connection, orders: Sequence[Order]) -> int:
    """Store each order whole, in one transaction; return how many were written."""
    latest: dict[str, Order] = {}
    for order in orders:
        # Within one call, the newest copy of an order wins (the last on a tie).
        known = latest.get(order.order_id)
        if known is None or order.updated_at >= known.updated_at:
            latest[order.order_id] = order

    with transaction(connection):
        fresh = _newer_than_cached(connection, list(latest.values()))
        if not fresh:
            return 0
        ids = [(order.order_id,) for order in fresh]
        # Packages have no foreign key (see migrations), so they go explicitly.
        connection.executemany("DELETE FROM packages WHERE order_id = ?", ids)
        connection.executemany("DELETE FROM fulfillments WHERE order_id = ?", ids)
        connection.executemany(_UPSERT_ORDER, _order_rows(fresh))
        connection.executemany(_UPSERT_FULFILLMENT, _fulfillment_rows(fresh))
        connection.executemany(_UPSERT_PACKAGE, _package_rows(fresh))
    return len(fresh)


def _newer_than_cached(
    connection: sqlite3.Connection, orders: list[Order]
) -> list[Order]:
    cached: dict[str, str] = {}
    for start in range(0, len(orders), _CHUNK):
        chunk = [order.order_id for order in orders[start : start + _CHUNK]]
        marks = ",".join("?" * len(chunk))
        cached.update(
            connection.execute(
                # Only the placeholders are interpolated into the statement.
                "SELECT order_id, updated_at FROM orders"  # noqa: S608
                f" WHERE order_id IN ({marks})",
                chunk,
            ).fetchall()
        )
    return [
        order
        for order in orders
        if order.order_id not in cached
        or to_text(order.updated_at) >= cached[order.order_id]
    ]


def _order_rows(orders: Iterable[Order]) -> Iterable[tuple[object, ...]]:
    for order in orders:
        yield (
            order.order_id,
            order.facility.tenant,
            order.facility.partner,
            order.recipient,
            to_text(order.updated_at),
        )


def _fulfillment_rows(orders: Iterable[Order]) -> Iterable[tuple[object, ...]]:
    for order in orders:
        for position, fulfillment in enumerate(order.fulfillments):
            capture = fulfillment.capture
            yield (
                fulfillment.fulfillment_id,
                order.order_id,
                position,
                fulfillment.status.value,
                capture.status.value,
                optional_text(capture.captured_at),
                capture.amount_minor,
                capture.currency,
                int(capture.manna_issued),
            )


def _package_rows(orders: Iterable[Order]) -> Iterable[tuple[object, ...]]:
    for order in orders:
        for fulfillment in order.fulfillments:
            for position, package in enumerate(fulfillment.packages):
                receipt = package.receipt
                yield (
                    package.package_id,
                    fulfillment.fulfillment_id,
                    order.order_id,
                    position,
                    package.number,
                    package.count,
                    package.token_digest,
                    None if receipt is None else to_text(receipt.received_at),
                    None if receipt is None else receipt.received_by,
                    None if receipt is None else receipt.workstation_id,
                    None if receipt is None else receipt.condition.value,
                )


def order_id_for_digest(
    connection: sqlite3.Connection, token_digest: str
) -> str | None:
    """The id of the cached order that has a package with this token digest."""
    row = connection.execute(
        "SELECT order_id FROM packages WHERE token_sha256 = ? LIMIT 1", (token_digest,)
    ).fetchone()
    return None if row is None else str(row[0])


def load_order(
    connection: sqlite3.Connection,
    order_id: str,
    local: dict[str, ReceiptInfo] | None = None,
) -> Order | None:
    """One cached order, with `local` receipts (by digest) merged into packages.

    A receipt the server already reported wins over a local one: the server
    has the final word on who received a package first.
    """
    head = connection.execute(
        "SELECT tenant, partner, recipient, updated_at FROM orders WHERE order_id = ?",
        (order_id,),
    ).fetchone()
    if head is None:
        return None
    local = local or {}

    packages: dict[str, list[Package]] = {}
    for row in connection.execute(
        "SELECT fulfillment_id, package_id, number, count, token_sha256, received_at,"
        " received_by, received_workstation_id, received_condition"
        " FROM packages WHERE order_id = ? ORDER BY fulfillment_id, position",
        (order_id,),
    ):
        receipt = _server_receipt(row[5:]) or local.get(row[4])
        packages.setdefault(row[0], []).append(
            Package(row[1], row[2], row[3], row[4], receipt)
        )

    fulfillments = tuple(
        Fulfillment(
            fulfillment_id=row[0],
            status=FulfillmentStatus(row[1]),
            capture=Capture(
                status=CaptureStatus(row[2]),
                captured_at=None if row[3] is None else from_text(row[3]),
                amount_minor=row[4],
                currency=row[5],
                manna_issued=bool(row[6]),
            ),
            packages=tuple(packages.get(row[0], ())),
        )
        for row in connection.execute(
            "SELECT fulfillment_id, status, capture_status, captured_at, amount_minor,"
            " currency, manna_issued FROM fulfillments WHERE order_id = ?"
            " ORDER BY position",
            (order_id,),
        )
    )
    return Order(
        order_id=order_id,
        facility=Facility(head[0], head[1]),
        recipient=head[2],
        updated_at=from_text(head[3]),
        fulfillments=fulfillments,
    )


def _server_receipt(columns: Sequence[str | None]) -> ReceiptInfo | None:
    received_at, received_by, workstation_id, condition = columns
    if received_at is None or received_by is None or workstation_id is None:
        return None
    return ReceiptInfo(
        received_at=from_text(received_at),
        received_by=received_by,
        workstation_id=workstation_id,
        condition=Condition(condition or Condition.INTACT),
    )


def package_count(connection: sqlite3.Connection) -> int:
    """How many packages the cache holds."""
    (count,) = connection.execute("SELECT count(*) FROM packages").fetchone()
    return int(count)
