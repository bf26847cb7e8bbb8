"""The day's report of an earlier day, chosen in the export dialog.

The store holds receipts of three days before the desk opens; the window's
wall clock says it is the third. The export dialog offers today; the test
picks the day before, as a person does in its day field, and reads the CSV
and the PDF back: that day's receipts, and no other day's.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLineEdit

from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.printing.report_csv import COLUMNS
from tests.ui.printing.pdftools import needs_poppler, pdf_text
from tests.ui.test_day_roll_on_sandbox import (
    WallClock,
    local,
    receive_before_opening,
)
from tests.ui.test_desk_on_sandbox import log_in_online


@pytest.fixture
def receipts(sandbox_admin, tmp_path: Path) -> list[str]:
    """Receipts of the 13th, two of the 14th, one of the 15th of March 2026."""
    return receive_before_opening(
        tmp_path / "desk-1",
        sandbox_admin,
        local(13, 18),
        local(14, 9, 15),
        local(14, 17, 40),
        local(15, 8),
    )


@pytest.fixture
def desk(qtbot, open_window, receipts, clock) -> DeskWindow:
    window = open_window(now=WallClock(local(15, 10)))
    log_in_online(qtbot, window, clock)
    return window


def _open_export(qtbot, window: DeskWindow) -> tuple[QFileDialog, QDateEdit]:
    assert window.printing is not None
    window.printing.export_report.trigger()
    qtbot.waitUntil(
        lambda: isinstance(window.printing.dialog, QFileDialog), timeout=5000
    )
    dialog = window.printing.dialog
    field = window.printing.report_day
    assert isinstance(dialog, QFileDialog)
    assert isinstance(field, QDateEdit)
    assert field.isVisible()
    assert dialog.isAncestorOf(field)
    return dialog, field


def _name_field(dialog: QFileDialog) -> QLineEdit:
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    return field


def _export(qtbot, window: DeskWindow, dialog: QFileDialog, path: Path) -> None:
    _name_field(dialog).setText(str(path))
    with qtbot.waitSignal(window.printing.written, timeout=10000):
        dialog.accept()


def test_the_export_offers_today_and_no_day_after_it(qtbot, desk) -> None:
    dialog, field = _open_export(qtbot, desk)

    assert field.date() == QDate(2026, 3, 15)
    assert _name_field(dialog).text() == "receipts-2026-03-15.pdf"
    field.setDate(QDate(2026, 3, 16))
    assert field.date() == QDate(2026, 3, 15)
    dialog.reject()


def test_a_past_days_report_is_exported_as_csv(
    qtbot, desk, receipts, tmp_path: Path
) -> None:
    dialog, field = _open_export(qtbot, desk)

    field.setDate(QDate(2026, 3, 14))
    assert _name_field(dialog).text() == "receipts-2026-03-14.pdf"
    path = tmp_path / "receipts-2026-03-14.csv"
    _export(qtbot, desk, dialog, path)

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    ids = [dict(zip(COLUMNS, row, strict=True))["receipt_id"] for row in rows[1:]]
    assert sorted(ids) == sorted(receipts[1:3])
    assert all(row[0].startswith("2026-03-14T") for row in rows[1:])


@needs_poppler
def test_a_past_days_report_is_exported_as_pdf(
    qtbot, desk, receipts, tmp_path: Path
) -> None:
    dialog, field = _open_export(qtbot, desk)

    field.setDate(QDate(2026, 3, 13))
    path = tmp_path / "chosen.pdf"
    _export(qtbot, desk, dialog, path)

    text = " ".join(pdf_text(path).split())
    assert "Receipts of" in text
    assert "13 Mar 2026 00:00 to 14 Mar 2026 00:00, local time" in text
    assert receipts[0][:8] in text
    assert not any(other[:8] in text for other in receipts[1:])
