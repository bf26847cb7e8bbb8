"""A handover receipt and a day's report with known contents, for the PDF tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from concierge_app.domain.model import Condition, Facility, ReceiptState
from concierge_app.store.reports import (
    DayReport,
    HandedPackage,
    HandoverReceipt,
    ReportLine,
)

AT = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
RECEIPT_IDS = [
    "0b6f3a52-8c1e-4f0e-9a7d-2f4c5e6a7b81",
    "1c7e4b63-9d2f-4a1f-8b8e-3a5d6f7b8c92",
    "2d8f5c74-ae3a-4b2a-9c9f-4b6e7a8c9da3",
]


def handover_sample(packages: int = 3) -> HandoverReceipt:
    """Packages 1 and 3 received here (3 damaged, with a note), 2 expected."""
    lines = []
    for number in range(1, packages + 1):
        received = number != 2
        lines.append(
            HandedPackage(
                package_id=f"P-000001-1-{number}",
                number=number,
                count=packages,
                received_at=AT + timedelta(minutes=number) if received else None,
                received_by="Giulia Conti" if received else None,
                condition=(
                    (Condition.DAMAGED if number == 3 else Condition.INTACT)
                    if received
                    else None
                ),
                note="corner crushed" if number == 3 else "",
                receipt_id=RECEIPT_IDS[(number - 1) % 3] if received else None,
                state=ReceiptState.REGISTERED if received else None,
                here=received,
            )
        )
    return HandoverReceipt(
        facility=Facility(1, 1),
        facility_name="The Plein Hotel",
        order_id="1-2603-1-000001",
        recipient="Ms Rossi <VIP> & guest",
        fulfillment_id="F-000001-1",
        workstation_id="ws-front-desk-1",
        packages=tuple(lines),
    )


def report_sample(lines: int = 3) -> DayReport:
    """A registered, a lost and a provisional receipt (and more, as asked)."""
    made = []
    for index in range(lines):
        kind = index % 3
        made.append(
            ReportLine(
                receipt_id=RECEIPT_IDS[kind],
                received_at=AT + timedelta(minutes=index),
                received_by="giulia",
                display_name="Giulia Conti",
                order_id=None if kind == 2 else "1-2603-1-000001",
                fulfillment_id=None if kind == 2 else "F-000001-1",
                number=None if kind == 2 else kind + 1,
                count=None if kind == 2 else 3,
                condition=Condition.DAMAGED if kind == 1 else Condition.INTACT,
                state=(
                    ReceiptState.REGISTERED,
                    ReceiptState.ALREADY_RECEIVED,
                    ReceiptState.QUEUED,
                )[kind],
                provisional=kind == 2,
                confirmed=kind == 0,
                needs_attention=kind != 0,
                note="=SUM(A1:A9)" if kind == 1 else "",
                override_by=None,
                problem=None,
                winner_by="marco" if kind == 1 else None,
                resolved_by=None,
            )
        )
    return DayReport(
        day=date(2026, 3, 14),
        start=datetime(2026, 3, 14, tzinfo=UTC),
        end=datetime(2026, 3, 15, tzinfo=UTC),
        workstation_id="ws-front-desk-1",
        facility_names=("The Plein Hotel",),
        lines=tuple(made),
    )
