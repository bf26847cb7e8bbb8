"""Printing from the desk window, on the real core against the real sandbox.

A scan puts a shipment on screen; its handover receipt is saved as PDF or
printed (to a PDF printer), and the day's report exported as CSV or PDF,
each through its dialog, opened with open() and answered as a person would.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QMessageBox

from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.printing.report_csv import COLUMNS
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.printing.pdftools import needs_poppler, pdf_text
from tests.ui.test_desk_on_sandbox import log_in_online, scan_and_wait


@pytest.fixture
def desk(qtbot, open_window, sandbox_admin: SandboxAdmin, clock) -> DeskWindow:
    window = open_window()
    log_in_online(qtbot, window, clock)
    return window


def _accept_a_package(qtbot, window: DeskWindow, admin: SandboxAdmin, clock) -> str:
    package = admin.tokens("accepted")[0]
    scan_and_wait(qtbot, window, package["token"], clock)
    qtbot.waitUntil(lambda: window.printing.shipment is not None, timeout=5000)
    return str(package["fulfillment_id"])


def _type_name(dialog: QFileDialog, path: Path) -> None:
    # As a person does: the whole path typed into the dialog's name field.
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    field.setText(str(path))


def _choose_file(qtbot, window: DeskWindow, path: Path) -> None:
    qtbot.waitUntil(
        lambda: isinstance(window.printing.dialog, QFileDialog), timeout=5000
    )
    dialog = window.printing.dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.isVisible()
    _type_name(dialog, path)
    with qtbot.waitSignal(window.printing.written, timeout=10000):
        dialog.accept()


def test_printing_waits_for_a_shipment_on_screen(desk) -> None:
    printing = desk.printing

    assert printing is not None
    assert not printing.print_handover.isEnabled()
    assert not printing.save_handover.isEnabled()
    assert printing.export_report.isEnabled()


@needs_poppler
def test_the_handover_receipt_of_the_scanned_shipment_is_saved_as_pdf(
    qtbot, desk, sandbox_admin, clock, tmp_path: Path
) -> None:
    shipment = _accept_a_package(qtbot, desk, sandbox_admin, clock)
    path = tmp_path / "handover.pdf"

    desk.printing.save_handover.trigger()
    _choose_file(qtbot, desk, path)

    text = " ".join(pdf_text(path).split())
    assert desk.printing.shipment == shipment
    assert "Handover receipt" in text
    assert shipment in text
    assert "The Plein Hotel" in text
    assert "Giulia Conti" in text
    assert "Courier, signature" in text
    assert "Saved" in desk.statusBar().currentMessage()


def _print_to_file(qtbot, window: DeskWindow, path: Path) -> None:
    # This machine has no printer: the print dialog offers "Print to File
    # (PDF)" with a file name to type, as it does for a person.
    qtbot.waitUntil(lambda: window.printing.printer is not None, timeout=5000)
    dialog = window.printing.dialog
    printers = dialog.findChild(QComboBox, "printers")
    assert printers is not None
    assert printers.currentText() == "Print to File (PDF)"
    field = dialog.findChild(QLineEdit, "filename")
    assert field is not None
    field.setText(str(path))
    dialog.accept()


@needs_poppler
def test_the_handover_receipt_goes_to_the_printer_chosen(
    qtbot, desk, sandbox_admin, clock, tmp_path: Path
) -> None:
    shipment = _accept_a_package(qtbot, desk, sandbox_admin, clock)

    desk.printing.print_handover.trigger()
    with qtbot.waitSignal(desk.printing.written, timeout=10000):
        _print_to_file(qtbot, desk, tmp_path / "paper.pdf")

    assert shipment in pdf_text(tmp_path / "paper.pdf")
    assert "Sent to the printer." in desk.statusBar().currentMessage()


def test_a_printer_that_refuses_is_said(
    qtbot, desk, sandbox_admin, clock, tmp_path: Path
) -> None:
    _accept_a_package(qtbot, desk, sandbox_admin, clock)

    desk.printing.print_handover.trigger()
    _print_to_file(qtbot, desk, tmp_path / "no-such-folder" / "paper.pdf")

    qtbot.waitUntil(
        lambda: isinstance(desk.printing.dialog, QMessageBox), timeout=10000
    )
    assert "could not be written" in desk.printing.dialog.text()
    desk.printing.dialog.done(0)


def test_the_days_report_is_exported_as_csv_with_todays_receipt(
    qtbot, desk, sandbox_admin, clock, tmp_path: Path
) -> None:
    _accept_a_package(qtbot, desk, sandbox_admin, clock)
    path = tmp_path / "today.csv"

    desk.printing.export_report.trigger()
    _choose_file(qtbot, desk, path)

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 2
    line = dict(zip(COLUMNS, rows[1], strict=True))
    assert line["received_by"] == "concierge"
    assert line["state"] in ("queued", "sent", "registered")


@needs_poppler
def test_the_days_report_is_exported_as_pdf(
    qtbot, desk, sandbox_admin, clock, tmp_path: Path
) -> None:
    _accept_a_package(qtbot, desk, sandbox_admin, clock)
    path = tmp_path / "today.pdf"

    desk.printing.export_report.trigger()
    _choose_file(qtbot, desk, path)

    text = " ".join(pdf_text(path).split())
    assert "Receipts of" in text
    assert "Giulia Conti" in text


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_file_that_cannot_be_written_is_said_and_the_desk_goes_on(
    qtbot, desk, sandbox_admin, clock
) -> None:
    _accept_a_package(qtbot, desk, sandbox_admin, clock)
    # A folder nobody may create files in, root included (tests run as root
    # in CI, where a read-only folder would not stop anything).
    target = Path("/proc/today.csv")

    desk.printing.export_report.trigger()
    qtbot.waitUntil(lambda: isinstance(desk.printing.dialog, QFileDialog), timeout=5000)
    dialog = desk.printing.dialog
    _type_name(dialog, target)
    dialog.accept()
    qtbot.waitUntil(
        lambda: isinstance(desk.printing.dialog, QMessageBox), timeout=10000
    )

    box = desk.printing.dialog
    assert "could not be written" in box.text()
    assert not target.exists()
    box.done(0)
    assert desk.session is not None
