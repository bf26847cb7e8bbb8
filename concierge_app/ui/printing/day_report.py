"""The day's report: every receipt of one local date, for the facility manager.

A landscape table of each receipt made at this workstation that day, with
where it stands with the platform and what needs a person, after the
counts by state. The same report goes to CSV (`report_csv`) and PDF here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from concierge_app.domain.model import ReceiptState
from concierge_app.ui.printing import pdf
from concierge_app.ui.printing.files import write_file
from concierge_app.ui.printing.words import (
    condition_words,
    counts,
    local_time,
    state_words,
)
from concierge_app.ui.qt import (
    QCoreApplication,
    QDate,
    QLocale,
    QPagedPaintDevice,
    QPageLayout,
    QTextDocument,
)

LANDSCAPE = QPageLayout.Orientation.Landscape

if TYPE_CHECKING:
    from concierge_app.store.reports import DayReport, ReportLine

# The name and shape Qt's lupdate looks for: translate("Context", "literal").
translate = QCoreApplication.translate


def _state_cell(line: ReportLine) -> str:
    words = [state_words(line.state)]
    if line.provisional:
        words.append(
            translate("DayReport", "provisional, confirmed")
            if line.confirmed
            else translate("DayReport", "provisional")
        )
    if line.state is ReceiptState.ALREADY_RECEIVED and line.winner_by:
        words.append(
            translate("DayReport", "first received by {who}").format(who=line.winner_by)
        )
    if line.problem:
        words.append(line.problem)
    if line.resolved_by:
        words.append(
            translate("DayReport", "resolved by {who}").format(who=line.resolved_by)
        )
    elif line.needs_attention:
        words.append(translate("DayReport", "NEEDS ATTENTION"))
    return "; ".join(words)


def day_report_document(
    report: DayReport, printed_at: datetime | None = None
) -> QTextDocument:
    """The day's report as a document, to print or to write as PDF."""
    printed_at = printed_at or datetime.now().astimezone()
    day = QLocale().toString(
        QDate(report.day.year, report.day.month, report.day.day),
        QLocale.FormatType.LongFormat,
    )
    title = translate("DayReport", "Receipts of {day}").format(
        day=report.day.isoformat()
    )
    by_state = report.by_state()

    parts = [
        "<h1>"
        + pdf.escape(translate("DayReport", "Receipts of {day}").format(day=day))
        + "</h1>",
        pdf.facts(
            [
                (
                    translate("DayReport", "Facility"),
                    ", ".join(report.facility_names)
                    or translate("DayReport", "not known yet"),
                ),
                (translate("DayReport", "Workstation"), report.workstation_id),
                (
                    translate("DayReport", "Day"),
                    translate("DayReport", "{start} to {end}, local time").format(
                        start=local_time(report.start), end=local_time(report.end)
                    ),
                ),
                (translate("DayReport", "Printed"), local_time(printed_at)),
                (translate("DayReport", "Receipts"), str(len(report.lines))),
                (
                    translate("DayReport", "By state"),
                    ", ".join(
                        f"{state_words(state)}: {by_state[state]}"
                        for state in ReceiptState
                        if by_state[state]
                    )
                    or "—",
                ),
                (
                    translate("DayReport", "Need attention"),
                    str(report.needing_attention),
                ),
            ]
        ),
    ]

    if report.lines:
        rows, classes = [], []
        for line in report.lines:
            package = (
                translate("DayReport", "{k} of {n}").format(k=line.number, n=line.count)
                if line.number is not None
                else "—"
            )
            condition = condition_words(line.condition)
            if line.note:
                condition += f" — {line.note}"
            if line.override_by:
                condition += " " + translate("DayReport", "(accepted by {who})").format(
                    who=line.override_by
                )
            rows.append(
                [
                    local_time(line.received_at, with_date=False),
                    line.order_id or translate("DayReport", "unknown order"),
                    package,
                    line.display_name,
                    condition,
                    _state_cell(line),
                    # Its first eight digits tell it apart on a day's page; the
                    # CSV and the handover receipt carry the whole id.
                    line.receipt_id[:8],
                ]
            )
            attention = "attention" if line.needs_attention else ""
            classes.append(["keep", "keep", "keep", "", "", attention, "id"])
        parts.append(
            pdf.table(
                pdf.Table(
                    [
                        translate("DayReport", "Time"),
                        translate("DayReport", "Order"),
                        translate("DayReport", "Package"),
                        translate("DayReport", "Received by"),
                        translate("DayReport", "Condition"),
                        translate("DayReport", "State"),
                        translate("DayReport", "Receipt"),
                    ],
                    rows,
                    classes,
                    widths=(6, 15, 8, 15, 22, 27, 7),
                )
            )
        )
    else:
        parts.append(
            "<p>"
            + pdf.escape(translate("DayReport", "No receipts were made on this day."))
            + "</p>"
        )
    parts.append(
        '<p class="foot">'
        + pdf.escape(counts().receipts_made(len(report.lines)))
        + "</p>"
    )
    return pdf.document(title, "".join(parts))


def day_report_pdf(report: DayReport, printed_at: datetime | None = None) -> bytes:
    """The day's report as a PDF file's bytes (A4 landscape)."""
    return pdf.pdf_bytes(day_report_document(report, printed_at), orientation=LANDSCAPE)


def write_day_report_pdf(
    report: DayReport, path: Path, printed_at: datetime | None = None
) -> None:
    """Write the day's report to `path` as PDF (OSError when it cannot)."""
    write_file(path, day_report_pdf(report, printed_at))


def print_day_report(report: DayReport, printer: QPagedPaintDevice) -> None:
    """Print the day's report on a printer the user chose."""
    pdf.print_to(day_report_document(report), printer, orientation=LANDSCAPE)
