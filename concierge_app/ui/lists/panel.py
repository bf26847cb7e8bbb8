"""The list tabs of the desk page and what keeps them current.

`ShiftLists` adds Today, Expected and Needs attention to the desk's tab
widget, each a table over its paged model, and hands every change the core
reports (`ReceiptsChanged`) to the models, which reread only those rows.
The Needs attention tab has a Resolve button that asks for a note. At a new
local day (`DayWatch`), Today shows the new day's receipts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from concierge_app.store import ListedReceipt
from concierge_app.sync.events import ReceiptsChanged
from concierge_app.sync.shift import ShiftService
from concierge_app.ui.lists.attention_model import AttentionModel
from concierge_app.ui.lists.day_watch import DayWatch, local_now
from concierge_app.ui.lists.expected_model import ExpectedModel
from concierge_app.ui.lists.paged_model import PagedTableModel
from concierge_app.ui.lists.today_model import TodayModel
from concierge_app.ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)

logger = logging.getLogger(__name__)


def _table(model: PagedTableModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents
    )
    view.horizontalHeader().setStretchLastSection(True)
    # Sizing to contents reads every row held; fine for the pages a model
    # holds, which stay bounded.
    return view


class AttentionTab(QWidget):
    """The Needs attention table with its Resolve button."""

    resolve_requested = Signal(object)
    """A `ListedReceipt` somebody wants to resolve."""

    def __init__(self, model: AttentionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = _table(model, self.tr("Needs attention"), self)
        self.resolve_button = QPushButton(self.tr("&Resolve…"), self)
        self.resolve_button.setAccessibleName(self.tr("Resolve"))
        self.resolve_button.setEnabled(False)
        self.resolve_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hint = QLabel(
            self.tr("Select a receipt, deal with it, then resolve it with a note."),
            self,
        )
        hint.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        model.modelReset.connect(self._on_selection)
        model.rowsRemoved.connect(self._on_selection)
        self.resolve_button.clicked.connect(self._on_resolve_clicked)

    def selected(self) -> ListedReceipt | None:
        """The receipt selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.row_at(rows[0].row())
        return row if isinstance(row, ListedReceipt) else None

    def select(self, receipt_id: str) -> bool:
        """Select the row of this receipt; False when the list does not hold it."""
        for number, row in enumerate(self.model.rows()):
            if row.receipt_id == receipt_id:
                self.table.selectRow(number)
                return True
        return False

    def _on_selection(self, *_args: object) -> None:
        self.resolve_button.setEnabled(self.selected() is not None)

    def _on_resolve_clicked(self) -> None:
        listed = self.selected()
        if listed is not None:
            self.resolve_requested.emit(listed)


class ExpectedTab(QWidget):
    """The Expected table with its order-id search."""

    def __init__(self, model: ExpectedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search_field = QLineEdit(self)
        self.search_field.setAccessibleName(self.tr("Search by order id"))
        self.search_field.setPlaceholderText(
            self.tr("Search by order id, e.g. 1-2603-1-000042 or 000042")
        )
        self.search_field.setClearButtonEnabled(True)
        self.table = _table(model, self.tr("Expected packages"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_field)
        layout.addWidget(self.table, 1)
        self.search_field.textChanged.connect(model.set_search)
        # Enter in the search goes back to scanning, like the scanner's.
        self.search_field.returnPressed.connect(self._on_search_done)

    def _on_search_done(self) -> None:
        self.window().setFocus(Qt.FocusReason.OtherFocusReason)


class ShiftLists(QObject):
    """The three list tabs on `tabs`, kept current from the core's changes."""

    _change_arrived = Signal(object)

    def __init__(
        self,
        shift: ShiftService,
        tabs: QTabWidget,
        *,
        now: Callable[[], datetime] = local_now,
    ) -> None:
        """The tabs on `tabs`; `now` is the desk's wall clock (aware, local)."""
        super().__init__(tabs)
        self._shift = shift
        self._tabs = tabs
        queries = shift.queries
        self.today = TodayModel(queries, today=lambda: now().date(), parent=self)
        self.expected = ExpectedModel(queries, parent=self)
        self.attention = AttentionModel(queries, parent=self)

        self.today_view = _table(self.today, self.tr("Today"), tabs)
        self.expected_tab = ExpectedTab(self.expected, tabs)
        self.attention_tab = AttentionTab(self.attention, tabs)
        tabs.addTab(self.today_view, self.tr("Today"))
        tabs.addTab(self.expected_tab, self.tr("Expected"))
        tabs.addTab(self.attention_tab, self.tr("Needs attention"))
        self.attention.rowsInserted.connect(self._retitle)
        self.attention.rowsRemoved.connect(self._retitle)
        self.attention.modelReset.connect(self._retitle)

        # Through a signal, so a change reported from another thread is
        # applied on the Qt thread; from the Qt thread it is applied at once,
        # before the status that follows it.
        self._change_arrived.connect(self._on_change)
        unwatch = shift.watch(self._change_arrived.emit)
        self._unwatch: Callable[[], None] | None = unwatch
        # However the window goes, the core stops telling a deleted object.
        self.destroyed.connect(lambda *_args: unwatch())
        self.day_watch = DayWatch(now, window=tabs.window(), parent=self)
        self.day_watch.day_changed.connect(self._on_new_day)
        self.reload()

    def reload(self) -> None:
        """Read every list again from the top (at login, at a new day)."""
        self.today.reload()
        self.expected.reload()
        self.attention.reload()

    def close(self) -> None:
        """Stop following the core's changes."""
        self.day_watch.stop()
        if self._unwatch is not None:
            self._unwatch()
            self._unwatch = None

    def _on_new_day(self, _day: date) -> None:
        self.today.roll_over()

    def _on_change(self, change: ReceiptsChanged) -> None:
        if change.receipt_ids:
            self.today.receipts_changed(change.receipt_ids)
            self.attention.receipts_changed(change.receipt_ids)
        if change.order_ids:
            self.expected.orders_changed(change.order_ids)

    def _retitle(self, *_args: object) -> None:
        index = self._tabs.indexOf(self.attention_tab)
        count = self.attention.rowCount()
        title = (
            self.tr("Needs attention (%n)", "", count)
            if count
            else self.tr("Needs attention")
        )
        self._tabs.setTabText(index, title)
