"""Render the example handover receipt and day's report shown in the README.

Writes `handover.png` and `day_report.png` (page 1 of each PDF, rendered
by pdftoppm at 80 dpi) into the folder given, default `docs/screenshots`.
The data is made up, the documents are the desk's own.

Usage: python tools/make_document_examples.py [OUT_FOLDER]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from concierge_app.domain.model import Condition, Facility, ReceiptState
from concierge_app.store.reports import (
    DayReport,
    HandedPackage,
    HandoverReceipt,
    ReportLine,
)
from concierge_app.ui.printing.day_report import write_day_report_pdf
from concierge_app.ui.printing.handover import write_handover_pdf
from concierge_app.ui.printing.pdf import offscreen_application

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "docs/screenshots"
AT = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
PRINTED = datetime(2026, 3, 14, 10, 42, tzinfo=UTC)
IDS = [
    "6f1c2b9e-3d4a-4c1e-9b7f-0a2d3e4f5a61",
    "7a2d3cae-4e5b-4d2f-8c80-1b3e4f5a6b72",
    "8b3e4dbf-5f6c-4e30-9d91-2c4f5a6b7c83",
]


def handover() -> HandoverReceipt:
    packages = []
    for number in (1, 2, 3):
        received = number != 3
        packages.append(
            HandedPackage(
                package_id=f"P-000001-1-{number}",
                number=number,
                count=3,
                received_at=AT + timedelta(minutes=number) if received else None,
                received_by="Giulia Conti" if received else None,
                condition=(Condition.DAMAGED if number == 2 else Condition.INTACT)
                if received
                else None,
                note="box corner crushed" if number == 2 else "",
                receipt_id=IDS[number - 1] if received else None,
                state=ReceiptState.REGISTERED if received else None,
                here=received,
            )
        )
    return HandoverReceipt(
        facility=Facility(1, 1),
        facility_name="The Plein Hotel",
        order_id="1-2603-1-000001",
        recipient="Ms Rossi",
        fulfillment_id="F-000001-1",
        workstation_id="3f6b1d0e-front-desk",
        packages=tuple(packages),
    )


def day_report() -> DayReport:
    lines = []
    kinds = [
        (ReceiptState.REGISTERED, False, None),
        (ReceiptState.REGISTERED, False, None),
        (ReceiptState.ALREADY_RECEIVED, False, "marco"),
        (ReceiptState.QUEUED, True, None),
    ]
    for index, (state, provisional, winner) in enumerate(kinds):
        lines.append(
            ReportLine(
                receipt_id=IDS[index % 3],
                received_at=AT + timedelta(minutes=7 * index),
                received_by="giulia",
                display_name="Giulia Conti",
                order_id=None if provisional else "1-2603-1-000001",
                fulfillment_id=None if provisional else "F-000001-1",
                number=None if provisional else index + 1,
                count=None if provisional else 3,
                condition=Condition.DAMAGED if index == 1 else Condition.INTACT,
                state=state,
                provisional=provisional,
                confirmed=state is ReceiptState.REGISTERED,
                needs_attention=state is ReceiptState.ALREADY_RECEIVED or provisional,
                note="box corner crushed" if index == 1 else "",
                override_by=None,
                problem=None,
                winner_by=winner,
                resolved_by=None,
            )
        )
    return DayReport(
        day=date(2026, 3, 14),
        start=datetime(2026, 3, 14, tzinfo=UTC),
        end=datetime(2026, 3, 15, tzinfo=UTC),
        workstation_id="3f6b1d0e-front-desk",
        facility_names=("The Plein Hotel",),
        lines=tuple(lines),
    )


def main(argv: list[str]) -> int:
    """Write both pictures into the folder given, or docs/screenshots."""
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    offscreen_application()
    with tempfile.TemporaryDirectory() as scratch:
        made = {
            "handover": Path(scratch) / "handover.pdf",
            "day_report": Path(scratch) / "day_report.pdf",
        }
        write_handover_pdf(handover(), made["handover"], PRINTED)
        write_day_report_pdf(day_report(), made["day_report"], PRINTED)
        for name, pdf in made.items():
            # pdftoppm from poppler-utils, on the PATH as in .ci/run.
            command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1"]
            command += ["-singlefile", str(pdf), str(folder / name)]
            subprocess.run(command, check=True)
            sys.stdout.write(f"{folder / name}.png\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
