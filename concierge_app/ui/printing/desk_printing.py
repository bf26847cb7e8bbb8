"""Printing at the desk: the shipment's handover receipt and the day's report.

`ReceiptPrinting` owns the window's printing actions and their dialogs.
The handover receipt is of the shipment on screen (the last scan's); the
day's report is of the day chosen in its file dialog (today by this
computer's clock unless somebody picks an earlier one). Every dialog is
opened with `open()`, never a nested `exec()`, and the data is read
through the core (`ports.ReceiptRecords`) on the loop, never straight from
the store. A file that cannot be written is said in a message; nothing is
lost.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from concierge_app.ui.loop import Background
from concierge_app.ui.ports import ReceiptRecords, ScanOutcome
from concierge_app.ui.printing.files import write_file
from concierge_app.ui.qt import (
    QAction,
    QDate,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QObject,
    Qt,
    QToolButton,
    QWidget,
    Signal,
    load_print_support,
)

if TYPE_CHECKING:
    from concierge_app.store.reports import DayReport, HandoverReceipt

logger = logging.getLogger(__name__)


def _report_name(day: date, suffix: str) -> str:
    return f"receipts-{day.isoformat()}.{suffix}"


def _day_of(field: QDateEdit) -> date:
    chosen = field.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def shipment_of(outcome: ScanOutcome) -> str | None:
    """The shipment (fulfillment id) a scan put on screen, if it is one."""
    verdict, order = outcome.verdict, outcome.order
    if order is None:
        return None
    if verdict is not None:
        return verdict.fulfillment_id
    # An order id scanned alone: its shipment, when it has only one.
    return (
        order.fulfillments[0].fulfillment_id if len(order.fulfillments) == 1 else None
    )


class ReceiptPrinting(QObject):
    """The window's printing actions, their dialogs, and the files they write."""

    written = Signal(object)
    """A document was written (the Path) or printed (None)."""

    def __init__(
        self,
        window: QMainWindow,
        records: ReceiptRecords,
        today: Callable[[], date] = date.today,
    ) -> None:
        """Printing for `window` from `records`; `today` gives the report's date."""
        super().__init__(window)
        self._window = window
        self._records = records
        self._today = today
        self._background = Background(self._on_failure)
        # Its own thread, not the loop's executor (a pool of QThreads under
        # qasync); Qt lays text out and writes PDFs in any thread.
        self._worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="printing"
        )
        self._shipment: str | None = None
        self._at_desk = False
        self.dialog: QWidget | None = None
        """The file or print dialog while it is open."""
        self.printer: Any = None
        """The printer of the print dialog while it is open."""
        self.report_day: QDateEdit | None = None
        """The day chooser of the report's file dialog while it is open."""

        self.print_handover = self._action(
            self.tr("&Print handover receipt…"), "Ctrl+P"
        )
        self.save_handover = self._action(
            self.tr("Save handover receipt as P&DF…"), "Ctrl+Shift+P"
        )
        self.export_report = self._action(
            self.tr("Export the &day's report…"), "Ctrl+Shift+R"
        )
        self.print_handover.triggered.connect(lambda: self._handover(to_paper=True))
        self.save_handover.triggered.connect(lambda: self._handover(to_paper=False))
        self.export_report.triggered.connect(self._ask_report_file)
        self._update()

    def _action(self, text: str, key: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._window.addAction(action)
        return action

    def add_menu(self, bar: QMenuBar) -> None:
        """A Receipts menu with every printing action."""
        menu = bar.addMenu(self.tr("&Receipts"))
        menu.addAction(self.print_handover)
        menu.addAction(self.save_handover)
        menu.addSeparator()
        menu.addAction(self.export_report)

    def handover_button(self, parent: QWidget) -> QToolButton:
        """A button for the shipment panel's corner: print the handover receipt."""
        button = QToolButton(parent)
        # The action's own words: a tool button takes them back from its
        # default action at every change anyway.
        button.setDefaultAction(self.print_handover)
        button.setAccessibleName(self.tr("Print handover receipt"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The scan field keeps the keyboard.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    @property
    def shipment(self) -> str | None:
        """The shipment whose handover receipt the actions print."""
        return self._shipment

    def show_outcome(self, outcome: ScanOutcome) -> None:
        """A scan is on screen: its shipment is the one to print."""
        self._shipment = shipment_of(outcome)
        self._update()

    def set_at_desk(self, at_desk: bool) -> None:
        """Somebody is logged in (True) or the login page shows (False)."""
        self._at_desk = at_desk
        if not at_desk:
            self._shipment = None
        self._update()

    def _update(self) -> None:
        shipment = self._at_desk and self._shipment is not None
        self.print_handover.setEnabled(shipment)
        self.save_handover.setEnabled(shipment)
        self.export_report.setEnabled(self._at_desk)

    # The handover receipt

    def _handover(self, *, to_paper: bool) -> None:
        if self._shipment is None or not self._at_desk:
            return
        shipment = self._shipment
        self._background.start(
            "read the handover receipt",
            self._records.handover_receipt(shipment),
            lambda receipt: self._on_handover(shipment, receipt, to_paper),
        )

    def _on_handover(
        self, shipment: str, receipt: HandoverReceipt | None, to_paper: bool
    ) -> None:
        if receipt is None:
            self._say(
                self.tr(
                    "This desk does not know shipment {shipment} yet; sync, then "
                    "try again."
                ).format(shipment=shipment)
            )
            return
        # The documents' modules come with the first document, not with the
        # window: the login page shows without them.
        from concierge_app.ui.printing.handover import handover_pdf, print_handover

        if to_paper:
            self._ask_printer(lambda printer: print_handover(receipt, printer))
            return
        self._ask_file(
            self.tr("Save the handover receipt"),
            f"handover-{receipt.fulfillment_id}.pdf",
            [self.tr("PDF files (*.pdf)")],
            lambda path: self._save(path, lambda: handover_pdf(receipt)),
        )

    # The day's report

    def _ask_report_file(self) -> None:
        if not self._at_desk:
            return
        today = self._today()
        pdf_filter = self.tr("PDF files (*.pdf)")
        csv_filter = self.tr("CSV files (*.csv)")
        dialog = self._file_dialog(
            self.tr("Export the day's report"),
            _report_name(today, "pdf"),
            [pdf_filter, csv_filter],
            lambda path: self._read_report(_day_of(day_field), path),
        )
        day_field = self._add_day_field(dialog, today)
        dialog.open()

    def _add_day_field(self, dialog: QFileDialog, today: date) -> QDateEdit:
        # Qt's own dialog, whose grid takes one more row; a platform dialog
        # has no room for a field of ours.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        field = QDateEdit(QDate(today.year, today.month, today.day), dialog)
        field.setAccessibleName(self.tr("Day of the report"))
        field.setCalendarPopup(True)
        # No receipt is made tomorrow.
        field.setMaximumDate(field.date())
        label = QLabel(self.tr("Receipts of &day:"), dialog)
        label.setBuddy(field)
        grid = dialog.layout()
        if isinstance(grid, QGridLayout):
            row = grid.rowCount()
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
        suggested = [today]

        def rename(_chosen: QDate) -> None:
            # The suggested name follows the day, unless somebody typed their own.
            files = dialog.selectedFiles()
            name = Path(files[0]).name if files else ""
            for suffix in ("pdf", "csv"):
                if name == _report_name(suggested[0], suffix):
                    suggested[0] = _day_of(field)
                    dialog.selectFile(_report_name(suggested[0], suffix))
                    return

        field.dateChanged.connect(rename)
        self.report_day = field
        return field

    def _read_report(self, day: date, path: Path) -> None:
        self._background.start(
            "read the day's report",
            self._records.day_report(day),
            lambda report: self._write_report(report, path),
        )

    def _write_report(self, report: DayReport, path: Path) -> None:
        from concierge_app.ui.printing.day_report import day_report_pdf
        from concierge_app.ui.printing.report_csv import csv_text

        # The format follows the name's suffix, whichever filter was shown.
        if path.suffix.lower() == ".csv":
            self._save(path, lambda: csv_text(report).encode("utf-8"))
        else:
            self._save(path, lambda: day_report_pdf(report))

    # Dialogs

    def _ask_file(
        self,
        title: str,
        name: str,
        filters: list[str],
        write: Callable[[Path], None],
    ) -> None:
        self._file_dialog(title, name, filters, write).open()

    def _file_dialog(
        self,
        title: str,
        name: str,
        filters: list[str],
        write: Callable[[Path], None],
    ) -> QFileDialog:
        dialog = QFileDialog(self._window, title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters(filters)
        dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
        dialog.selectFile(name)
        dialog.fileSelected.connect(lambda chosen: self._on_file(chosen, write))
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("csv" if "csv" in chosen else "pdf")
        )
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        return dialog

    def _on_file(self, chosen: str, write: Callable[[Path], None]) -> None:
        if chosen:
            write(Path(chosen))

    def _ask_printer(self, send: Callable[[Any], None]) -> None:
        support = load_print_support()
        printer = support.QPrinter(support.QPrinter.PrinterMode.HighResolution)
        dialog = support.QPrintDialog(printer, self._window)
        dialog.accepted.connect(lambda: self._write(None, lambda: send(printer)))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog, self.printer = dialog, printer
        # QPrintDialog's own open() wants a receiver; QDialog's is the one
        # that shows it window-modal without a nested loop.
        QDialog.open(dialog)

    def _forget(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog, self.printer, self.report_day = None, None, None
        dialog.deleteLater()

    def _save(self, path: Path, render: Callable[[], bytes]) -> None:
        # Laid out and written in the worker: a busy day's report takes
        # seconds, and the desk must go on taking scans meanwhile.
        async def save() -> OSError | None:
            loop = asyncio.get_running_loop()
            try:
                await loop.run_in_executor(
                    self._worker, lambda: write_file(path, render())
                )
            except OSError as error:
                return error
            return None

        self._background.start(
            "save a document", save(), lambda error: self._saved(path, error)
        )

    def _write(self, path: Path | None, write: Callable[[], None]) -> None:
        try:
            write()
        except OSError as error:
            self._saved(path, error)
            return
        self._saved(path, None)

    def _saved(self, path: Path | None, error: OSError | None) -> None:
        if error is not None:
            logger.warning("A document could not be written to %s: %s", path, error)
            self._warn(
                self.tr("{path} could not be written: {why}").format(
                    path=path or self.tr("The printer"), why=error.strerror or error
                )
            )
            return
        if path is None:
            logger.info("A document was sent to the printer")
            self._say(self.tr("Sent to the printer."))
        else:
            logger.info("A document was written to %s", path)
            self._say(self.tr("Saved {path}").format(path=path))
        self.written.emit(path)

    def _say(self, words: str) -> None:
        bar = self._window.statusBar()
        bar.showMessage(words, 10_000)

    def _warn(self, words: str) -> None:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Not saved"))
        box.setText(words)
        box.finished.connect(lambda _result: box.deleteLater())
        self.dialog = box
        box.open()

    def _on_failure(self, _what: str, _error: BaseException) -> None:
        # The log has the details; the desk gets words to act on.
        self._say(self.tr("The receipts could not be read; see the support log."))
