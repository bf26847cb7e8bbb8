"""A table model that reads its rows a page at a time and updates rows in place.

The desk's lists can be long (200,000 packages expected), so a model never
reads a list whole: it holds the pages the view has asked for
(`canFetchMore`/`fetchMore`, which Qt's views call as they scroll) and,
when the core says which receipts or orders changed, rereads only those
rows and moves, inserts or removes each one where it belongs. A changed row
that sorts after the last page held is left for `fetchMore` to bring.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from typing import Any

from concierge_app.ui.qt import (
    QAbstractTableModel,
    QFont,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

PAGE_SIZE = 200
"""Rows read per page: a screenful several times over, one short query."""

AnyIndex = QModelIndex | QPersistentModelIndex


@functools.total_ordering
class Newest:
    """A sort key that puts larger keys first (for lists read newest first)."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Newest) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: Newest) -> bool:
        return bool(self.key > other.key)


class PagedTableModel(QAbstractTableModel):
    """Rows in list order, read by pages, updated one row at a time.

    Subclasses say how a page is read (`read_page`), where a row sorts
    (`order`), what names it (`identity`), and what each column shows
    (`headers`, `text`, and optionally `tooltip` and `emphasis`).
    """

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Any] = []
        self._by_id: dict[str, Any] = {}
        self._exhausted = False
        self._wanted = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self.rows_read = 0
        """How many rows the model has read from the store so far (tests read it)."""

    # What subclasses provide

    def read_page(self, after: Any | None, limit: int) -> Sequence[Any]:
        """Up to `limit` rows that sort after the row `after` (None: from the top)."""
        raise NotImplementedError

    def order(self, row: Any) -> Any:
        """The row's sort key in list order (unique per row)."""
        raise NotImplementedError

    def identity(self, row: Any) -> str:
        """What names the row across rereads (a receipt or package id)."""
        raise NotImplementedError

    def headers(self) -> Sequence[str]:
        """The column titles."""
        raise NotImplementedError

    def text(self, row: Any, column: int) -> str:
        """What one cell shows."""
        raise NotImplementedError

    def tooltip(self, row: Any, column: int) -> str | None:
        """More words for a cell, shown on hover."""
        return None

    def emphasis(self, row: Any) -> bool:
        """True for a row that should stand out (an override, a damage)."""
        return False

    # Reading

    def rows(self) -> list[Any]:
        """The rows held now, in list order."""
        return list(self._rows)

    def row_at(self, number: int) -> Any | None:
        """The row at `number`, if there is one."""
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def reload(self) -> None:
        """Start again from the top (a new search, a new day, a new login)."""
        self.beginResetModel()
        self._rows = []
        self._by_id = {}
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    # Qt overrides

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers())
        ):
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.FontRole and self.emphasis(row):
            return self._bold
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._exhausted:
            return
        last = self._rows[-1] if self._rows else None
        page = [
            row
            for row in self.read_page(last, self.page_size)
            if self.identity(row) not in self._by_id
        ]
        self.rows_read += len(page)
        self._exhausted = len(page) < self.page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self._by_id.update((self.identity(row), row) for row in page)
            self.endInsertRows()
        self._wanted = len(self._rows)

    # Changes

    def apply(self, current: Mapping[str, Any | None]) -> None:
        """Bring these rows up to date: each id's row as it is now, or None
        when it no longer belongs to the list."""
        for ident, row in current.items():
            self._apply_one(ident, row)
        self.rows_read += sum(row is not None for row in current.values())
        self._trim()

    def _apply_one(self, ident: str, row: Any | None) -> None:
        old = self._by_id.get(ident)
        if old is not None:
            position = self._position(old)
            if row is not None and self.order(row) == self.order(old):
                self._rows[position] = row
                self._by_id[ident] = row
                self.dataChanged.emit(
                    self.index(position, 0),
                    self.index(position, self.columnCount() - 1),
                )
                return
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            del self._by_id[ident]
            self.endRemoveRows()
        if row is None or not self._in_range(row):
            return
        position = bisect.bisect_left(self._rows, self.order(row), key=self.order)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self._by_id[ident] = row
        self.endInsertRows()

    def _position(self, row: Any) -> int:
        return bisect.bisect_left(self._rows, self.order(row), key=self.order)

    def _in_range(self, row: Any) -> bool:
        # Past the last row held, a row waits for fetchMore, which reads it
        # in its place; holding it now would leave a gap before it.
        if self._exhausted:
            return True
        return bool(self._rows) and self.order(row) < self.order(self._rows[-1])

    def _trim(self) -> None:
        # Changes may keep adding rows (a first pull of a big cache); hold no
        # more than the view asked for, plus a page.
        keep = max(self._wanted, self.page_size)
        if len(self._rows) <= keep + self.page_size:
            return
        self.beginRemoveRows(QModelIndex(), keep, len(self._rows) - 1)
        for row in self._rows[keep:]:
            del self._by_id[self.identity(row)]
        del self._rows[keep:]
        self._exhausted = False
        self.endRemoveRows()

    def last_row(self) -> Any | None:
        """The last row held, if any."""
        return self._rows[-1] if self._rows else None

    @property
    def exhausted(self) -> bool:
        """True once every row of the list is held."""
        return self._exhausted
