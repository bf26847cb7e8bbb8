"""The desk's lists as windowed queries: Today, Expected and Needs attention.

Each list is read a page at a time after a key (keyset paging, never an
OFFSET: the cost of a page does not grow with how far down it is), and a
list can reread only the rows a change touched (`receipts_by_id`,
`expected_in_orders`), so the window never reloads a list whole after a
scan or a sync. With 200,000 packages cached a page is a short indexed read.
"""

# Queries are put together from this module's own constant fragments, never
# from input; every value travels as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from concierge_app.store.receipts import _ATTENTION, _COLUMNS, _from_row
from concierge_app.store.records import StoredReceipt
from concierge_app.store.timestamps import optional_time, to_text

# SQLite accepts up to 32,766 host parameters; stay far below it.
_CHUNK = 500

_RECEIPT_COLUMNS = ", ".join(f"r.{name.strip()}" for name in _COLUMNS.split(","))
_RECEIPT_SELECT = (
    f"SELECT {_RECEIPT_COLUMNS}, p.number, p.count, o.recipient FROM receipts r"
    " LEFT JOIN packages p ON p.package_id = r.package_id"
    " LEFT JOIN orders o ON o.order_id = r.order_id"
)
_EXPECTED_SELECT = (
    "SELECT p.package_id, p.order_id, p.fulfillment_id, p.position, p.number,"
    " p.count, o.recipient, f.captured_at, f.manna_issued FROM packages p"
    " JOIN fulfillments f ON f.fulfillment_id = p.fulfillment_id"
    " JOIN orders o ON o.order_id = p.order_id"
    " WHERE p.received_at IS NULL AND f.status = 'active'"
    " AND f.capture_status = 'captured'"
    # A live receipt made here takes the package off the list at once,
    # before the server's copy of the order says it was received.
    " AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.token_sha256 ="
    " p.token_sha256 AND r.state <> 'refused')"
)

TodayKey = tuple[str, str]
"""Where a Today page ends: (received_at as stored, receipt_id); newest first."""

AttentionKey = tuple[str, str]
"""Where a Needs attention page ends: (created_at as stored, receipt_id)."""

ExpectedKey = tuple[str, str, int]
"""Where an Expected page ends: (order_id, fulfillment_id, position)."""


@dataclass(frozen=True, slots=True)
class ListedReceipt:
    """A receipt as the Today and Needs attention lists show it."""

    receipt: StoredReceipt
    number: int | None
    count: int | None
    recipient: str | None

    @property
    def receipt_id(self) -> str:
        """The receipt's id, the row's identity in every list."""
        return self.receipt.receipt_id

    @property
    def today_key(self) -> TodayKey:
        """Its place in the Today list."""
        return (to_text(self.receipt.received_at), self.receipt.receipt_id)

    @property
    def attention_key(self) -> AttentionKey:
        """Its place in the Needs attention list."""
        return (to_text(self.receipt.created_at), self.receipt.receipt_id)


@dataclass(frozen=True, slots=True)
class ExpectedPackage:
    """A captured package not yet received: a row of the Expected list."""

    package_id: str
    order_id: str
    fulfillment_id: str
    position: int
    number: int
    count: int
    recipient: str
    captured_at: datetime | None
    manna_issued: bool

    @property
    def key(self) -> ExpectedKey:
        """Its place in the Expected list (by order, then shipment, then package)."""
        return (self.order_id, self.fulfillment_id, self.position)


def day_bounds(day: date, tz: tzinfo = UTC) -> tuple[str, str]:
    """The stored-time range [start, end) of `day` as the clock of `tz` reads it."""
    start = datetime.combine(day, time(), tz)
    end = datetime.combine(day + timedelta(days=1), time(), tz)
    return to_text(start), to_text(end)


def _listed(row: tuple[Any, ...]) -> ListedReceipt:
    *receipt, number, count, recipient = row
    return ListedReceipt(_from_row(tuple(receipt)), number, count, recipient)


def today_page(
    connection: sqlite3.Connection,
    bounds: tuple[str, str],
    *,
    after: TodayKey | None,
    limit: int,
) -> list[ListedReceipt]:
    """Up to `limit` receipts made within `bounds`, newest first, after `after`."""
    where = "r.received_at >= ? AND r.received_at < ?"
    values: tuple[object, ...] = bounds
    if after is not None:
        where += " AND (r.received_at, r.receipt_id) < (?, ?)"
        values += after
    rows = connection.execute(
        f"{_RECEIPT_SELECT} WHERE {where}"
        " ORDER BY r.received_at DESC, r.receipt_id DESC LIMIT ?",
        (*values, limit),
    ).fetchall()
    return [_listed(row) for row in rows]


def attention_page(
    connection: sqlite3.Connection, *, after: AttentionKey | None, limit: int
) -> list[ListedReceipt]:
    """Up to `limit` receipts needing attention, oldest first, after `after`."""
    start, receipt_id = after if after is not None else ("", "")
    rows = connection.execute(
        # The attention columns are the receipts' own; no join shares a name.
        f"{_RECEIPT_SELECT} WHERE {_ATTENTION}"
        " AND (r.created_at, r.receipt_id) > (?, ?)"
        " ORDER BY r.created_at, r.receipt_id LIMIT ?",
        (start, receipt_id, limit),
    ).fetchall()
    return [_listed(row) for row in rows]


def receipts_by_id(
    connection: sqlite3.Connection, receipt_ids: Collection[str]
) -> dict[str, ListedReceipt]:
    """These receipts as the lists show them (a missing id is left out)."""
    found: dict[str, ListedReceipt] = {}
    ids = list(receipt_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in connection.execute(
            f"{_RECEIPT_SELECT} WHERE r.receipt_id IN ({marks})", chunk
        ):
            listed = _listed(row)
            found[listed.receipt_id] = listed
    return found


def _expected(row: tuple[Any, ...]) -> ExpectedPackage:
    (package_id, order_id, fulfillment_id, position, number, count) = row[:6]
    return ExpectedPackage(
        package_id=package_id,
        order_id=order_id,
        fulfillment_id=fulfillment_id,
        position=position,
        number=number,
        count=count,
        recipient=row[6],
        captured_at=optional_time(row[7]),
        manna_issued=bool(row[8]),
    )


def expected_page(
    connection: sqlite3.Connection,
    *,
    search: str = "",
    after: ExpectedKey | None,
    limit: int,
) -> list[ExpectedPackage]:
    """Up to `limit` expected packages in order-id order, after `after`.

    `search` keeps the packages whose order id contains it (any part of
    the id: the tenant, the month, the sequence).
    """
    order_id, fulfillment_id, position = after if after is not None else ("", "", -1)
    rows = connection.execute(
        f"{_EXPECTED_SELECT} AND instr(p.order_id, ?) > 0"
        " AND (p.order_id, p.fulfillment_id, p.position) > (?, ?, ?)"
        " ORDER BY p.order_id, p.fulfillment_id, p.position LIMIT ?",
        (search, order_id, fulfillment_id, position, limit),
    ).fetchall()
    return [_expected(row) for row in rows]


def expected_in_orders(
    connection: sqlite3.Connection, order_ids: Collection[str], *, search: str = ""
) -> list[ExpectedPackage]:
    """Every expected package of these orders, in list order."""
    found: list[ExpectedPackage] = []
    ids = sorted(order_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(
            f"{_EXPECTED_SELECT} AND p.order_id IN ({marks})"
            " AND instr(p.order_id, ?) > 0"
            " ORDER BY p.order_id, p.fulfillment_id, p.position",
            (*chunk, search),
        ).fetchall()
        found.extend(_expected(row) for row in rows)
    return found


class ListQueries:
    """The list queries on one store's connection (what the window's models read)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def today(
        self, bounds: tuple[str, str], *, after: TodayKey | None, limit: int
    ) -> list[ListedReceipt]:
        """A page of the day's receipts, newest first."""
        return today_page(self._connection, bounds, after=after, limit=limit)

    def attention(
        self, *, after: AttentionKey | None, limit: int
    ) -> list[ListedReceipt]:
        """A page of the receipts needing attention, oldest first."""
        return attention_page(self._connection, after=after, limit=limit)

    def receipts(self, receipt_ids: Collection[str]) -> dict[str, ListedReceipt]:
        """These receipts, as listed."""
        return receipts_by_id(self._connection, receipt_ids)

    def expected(
        self, *, search: str, after: ExpectedKey | None, limit: int
    ) -> list[ExpectedPackage]:
        """A page of the expected packages, by order."""
        return expected_page(self._connection, search=search, after=after, limit=limit)

    def expected_in(
        self, order_ids: Collection[str], *, search: str
    ) -> list[ExpectedPackage]:
        """Every expected package of these orders."""
        return expected_in_orders(self._connection, order_ids, search=search)


def waited(since: datetime | None, now: datetime) -> timedelta | None:
    """How long a package captured at `since` has been expected, at `now`."""
    if since is None:
        return None
    return max(timedelta(0), now - since)
