"""What the desk prints: a shipment's handover receipt and the day's receipts.

Both are read-only queries over the order cache, the receipt outbox and
the offline verifiers (for people's and the facility's names); the ui and
the command line turn them into paper, PDF and CSV. Times are kept aware
(UTC from the store); whoever prints them shows them in local time.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from concierge_app.domain.model import Condition, Facility, ReceiptState
from concierge_app.store.timestamps import from_text, to_text


@dataclass(frozen=True, slots=True)
class HandedPackage:
    """One package of a shipment, as the handover receipt lists it.

    `receipt_id` is None when the package is still expected, or when it was
    received at another workstation (the server told this desk so).
    """

    package_id: str
    number: int
    count: int
    received_at: datetime | None
    received_by: str | None
    """The name of who received it (the display name where this desk knows it)."""
    condition: Condition | None
    note: str
    receipt_id: str | None
    state: ReceiptState | None
    here: bool
    """True when this workstation made the receipt."""

    @property
    def received(self) -> bool:
        """True when the package has a receipt, here or elsewhere."""
        return self.received_at is not None


@dataclass(frozen=True, slots=True)
class HandoverReceipt:
    """The proof of receipt of one shipment (fulfillment), for the courier to sign."""

    facility: Facility
    facility_name: str
    order_id: str
    recipient: str
    fulfillment_id: str
    workstation_id: str
    packages: tuple[HandedPackage, ...]

    @property
    def received(self) -> tuple[HandedPackage, ...]:
        """The packages received so far."""
        return tuple(p for p in self.packages if p.received)

    @property
    def expected(self) -> tuple[HandedPackage, ...]:
        """The packages still expected."""
        return tuple(p for p in self.packages if not p.received)


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One receipt of the day's report."""

    receipt_id: str
    received_at: datetime
    received_by: str
    """The username on the receipt."""
    display_name: str
    order_id: str | None
    fulfillment_id: str | None
    number: int | None
    count: int | None
    condition: Condition
    state: ReceiptState
    provisional: bool
    confirmed: bool
    needs_attention: bool
    note: str
    override_by: str | None
    problem: str | None
    """Why the server refused it, or the last error while sending it."""
    winner_by: str | None
    """Who received the package first, when another receipt won."""
    resolved_by: str | None


@dataclass(frozen=True, slots=True)
class DayReport:
    """Every receipt this workstation made on one local date."""

    day: date
    start: datetime
    end: datetime
    workstation_id: str
    facility_names: tuple[str, ...]
    lines: tuple[ReportLine, ...]

    def by_state(self) -> dict[ReceiptState, int]:
        """How many receipts are in each state (every state, zeros included)."""
        found = Counter(line.state for line in self.lines)
        return {state: found.get(state, 0) for state in ReceiptState}

    @property
    def needing_attention(self) -> int:
        """How many of the day's receipts need a person."""
        return sum(1 for line in self.lines if line.needs_attention)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start of `day` and of the next, by this computer's clock and zone.

    Each bound gets the offset in force at that moment, so a day with a
    daylight saving change is 23 or 25 hours long, as the desk lived it.
    """
    start = datetime.combine(day, time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return start, end


def facility_name(connection: sqlite3.Connection, facility: Facility) -> str:
    """The facility's name as the last login there gave it, or '' if unknown."""
    row = connection.execute(
        "SELECT facility_name FROM verifiers WHERE tenant = ? AND partner = ?"
        " AND facility_name <> '' ORDER BY created_at DESC LIMIT 1",
        (facility.tenant, facility.partner),
    ).fetchone()
    return "" if row is None else str(row[0])


_HANDOVER_PACKAGES = """
    SELECT p.package_id, p.number, p.count,
        p.received_at, p.received_condition, p.received_workstation_id,
        r.receipt_id, r.received_at, r.condition, r.note, r.state, r.workstation_id,
        coalesce(v.display_name, r.received_by, p.received_by)
    FROM packages AS p
    LEFT JOIN receipts AS r
        ON r.token_sha256 = p.token_sha256 AND r.state <> 'refused'
    LEFT JOIN verifiers AS v ON v.username = coalesce(r.received_by, p.received_by)
    WHERE p.fulfillment_id = ?
    ORDER BY p.number, p.position
"""


def handover(
    connection: sqlite3.Connection, fulfillment_id: str, workstation_id: str
) -> HandoverReceipt | None:
    """The handover receipt of a cached shipment, or None if it is not cached."""
    head = connection.execute(
        "SELECT o.order_id, o.tenant, o.partner, o.recipient FROM fulfillments AS f"
        " JOIN orders AS o ON o.order_id = f.order_id WHERE f.fulfillment_id = ?",
        (fulfillment_id,),
    ).fetchone()
    if head is None:
        return None
    order_id, tenant, partner, recipient = head
    facility = Facility(tenant, partner)

    packages = [
        _handed(row, workstation_id)
        for row in connection.execute(_HANDOVER_PACKAGES, (fulfillment_id,))
    ]
    return HandoverReceipt(
        facility=facility,
        facility_name=facility_name(connection, facility),
        order_id=order_id,
        recipient=recipient,
        fulfillment_id=fulfillment_id,
        workstation_id=workstation_id,
        packages=tuple(packages),
    )


def _handed(row: tuple[Any, ...], workstation_id: str) -> HandedPackage:
    (
        package_id, number, count, server_at, server_condition, server_workstation,
        receipt_id, local_at, local_condition, note, state, local_workstation, name,
    ) = row  # fmt: skip
    if server_at is not None and server_workstation != workstation_id:
        # Another workstation's receipt, as the server reported it: the
        # server has the final word on who received a package first.
        receipt_id, local_at, note, state, local_workstation = (
            None,
            None,
            "",
            None,
            None,
        )
    at = local_at or server_at
    if at is None:
        return HandedPackage(
            package_id, number, count, None, None, None, "", None, None, False
        )
    return HandedPackage(
        package_id=package_id,
        number=number,
        count=count,
        received_at=from_text(at),
        received_by=name,
        condition=Condition(local_condition or server_condition or Condition.INTACT),
        note=note or "",
        receipt_id=receipt_id,
        state=None if state is None else ReceiptState(state),
        here=(local_workstation or server_workstation) == workstation_id,
    )


_DAY_LINES = """
    SELECT r.receipt_id, r.received_at, r.received_by, coalesce(v.display_name, ''),
        r.order_id, p.fulfillment_id, p.number, p.count, r.condition, r.state,
        r.provisional, r.version, r.confirmed_version, r.note, r.override_by,
        coalesce(r.problem_type, r.last_error), r.winner_received_by,
        r.resolved_at, r.resolved_by
    FROM receipts AS r
    LEFT JOIN packages AS p ON p.package_id = r.package_id
    LEFT JOIN verifiers AS v ON v.username = r.received_by
    WHERE r.received_at >= ? AND r.received_at < ?
    ORDER BY r.received_at, r.rowid
"""


def day_report(
    connection: sqlite3.Connection,
    day: date,
    workstation_id: str,
    bounds: tuple[datetime, datetime] | None = None,
) -> DayReport:
    """Every receipt made on `day` (this computer's local date unless `bounds`)."""
    start, end = bounds or local_day_bounds(day)
    lines = []
    for row in connection.execute(_DAY_LINES, (to_text(start), to_text(end))):
        (
            receipt_id, received_at, received_by, display_name, order_id,
            fulfillment_id, number, count, condition, state, provisional, version,
            confirmed_version, note, override_by, problem, winner_by, resolved_at,
            resolved_by,
        ) = row  # fmt: skip
        state = ReceiptState(state)
        confirmed = confirmed_version is not None and confirmed_version >= version
        attention = resolved_at is None and (
            state in (ReceiptState.REFUSED, ReceiptState.ALREADY_RECEIVED)
            or (bool(provisional) and confirmed_version is None)
        )
        lines.append(
            ReportLine(
                receipt_id=receipt_id,
                received_at=from_text(received_at),
                received_by=received_by,
                display_name=display_name or received_by,
                order_id=order_id,
                fulfillment_id=fulfillment_id,
                number=number,
                count=count,
                condition=Condition(condition),
                state=state,
                provisional=bool(provisional),
                confirmed=confirmed,
                needs_attention=attention,
                note=note,
                override_by=override_by,
                problem=problem,
                winner_by=winner_by,
                resolved_by=resolved_by,
            )
        )

    names = tuple(
        str(name)
        for (name,) in connection.execute(
            "SELECT DISTINCT facility_name FROM verifiers WHERE facility_name <> ''"
            " ORDER BY facility_name"
        )
    )
    return DayReport(
        day=day,
        start=start,
        end=end,
        workstation_id=workstation_id,
        facility_names=names,
        lines=tuple(lines),
    )
