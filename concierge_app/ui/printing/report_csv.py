"""The day's report as CSV, for the facility manager's spreadsheet.

It needs no Qt, so `concierge-app report --format csv` stays light. The
columns are stable names in English (scripts read them too); times are
this computer's local time with their UTC offset. A cell that a
spreadsheet would take for a formula gets a leading quote.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from concierge_app.store.reports import DayReport, ReportLine


COLUMNS = (
    "received_at",
    "receipt_id",
    "order_id",
    "fulfillment_id",
    "package",
    "received_by",
    "received_by_name",
    "condition",
    "state",
    "provisional",
    "confirmed",
    "needs_attention",
    "note",
    "override_by",
    "problem",
    "first_received_by",
    "resolved_by",
)
"""The header row, in order; docs/commands.md describes each column."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _row(line: ReportLine) -> list[str]:
    package = (
        f"{line.number} of {line.count}"
        if line.number is not None and line.count is not None
        else None
    )
    values: list[object] = [
        line.received_at.astimezone().isoformat(timespec="seconds"),
        line.receipt_id,
        line.order_id,
        line.fulfillment_id,
        package,
        line.received_by,
        line.display_name,
        line.condition.value,
        line.state.value,
        line.provisional,
        line.confirmed,
        line.needs_attention,
        line.note,
        line.override_by,
        line.problem,
        line.winner_by,
        line.resolved_by,
    ]
    return [_cell(value) for value in values]


def write_csv(report: DayReport, out: TextIO) -> int:
    """Write the header and one row per receipt; return the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in report.lines:
        writer.writerow(_row(line))
    return len(report.lines)


def csv_text(report: DayReport) -> str:
    """The whole CSV as one string."""
    out = io.StringIO()
    write_csv(report, out)
    return out.getvalue()
