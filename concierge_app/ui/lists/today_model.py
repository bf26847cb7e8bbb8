"""The Today list: every receipt of this day at this desk, newest first.

Each row says where the receipt stands (queued, sent, registered, already
received elsewhere, refused), who scanned it and when, the order, package k
of n, its condition and whether a supervisor overrode a refusal. The day
is the one `today` gives when the list is read; `roll_over` reads it again
when that has changed (`day_watch` says when, at midnight).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime, tzinfo

from concierge_app.store import ListedReceipt, ListQueries, day_bounds
from concierge_app.ui.lists import words
from concierge_app.ui.lists.paged_model import PAGE_SIZE, Newest, PagedTableModel
from concierge_app.ui.qt import QObject


def _local_zone() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


class TodayModel(PagedTableModel):
    """The day's receipts of this workstation, read by pages."""

    TIME, STATE, ORDER, PACKAGE, CONDITION, SCANNED_BY, OVERRIDE, NOTE = range(8)

    def __init__(
        self,
        queries: ListQueries,
        *,
        today: Callable[[], date] = lambda: datetime.now().astimezone().date(),
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent, page_size)
        self._queries = queries
        self._today = today
        self._day = today()
        self._bounds = day_bounds(self._day, _local_zone())

    @property
    def day(self) -> date:
        """The local date whose receipts the list shows."""
        return self._day

    def reload(self) -> None:
        """Read the list again from the top, for the day it is now."""
        self._day = self._today()
        self._bounds = day_bounds(self._day, _local_zone())
        super().reload()

    def roll_over(self) -> bool:
        """Read the new day's list when the day has changed; True if it had."""
        if self._today() == self._day:
            return False
        self.reload()
        return True

    def read_page(self, after: ListedReceipt | None, limit: int) -> list[ListedReceipt]:
        key = None if after is None else after.today_key
        return self._queries.today(self._bounds, after=key, limit=limit)

    def order(self, row: ListedReceipt) -> Newest:
        return Newest(row.today_key)

    def identity(self, row: ListedReceipt) -> str:
        return row.receipt_id

    def headers(self) -> Sequence[str]:
        return [
            self.tr("Time"),
            self.tr("State"),
            self.tr("Order"),
            self.tr("Package"),
            self.tr("Condition"),
            self.tr("Scanned by"),
            self.tr("Override"),
            self.tr("Note"),
        ]

    def text(self, row: ListedReceipt, column: int) -> str:
        receipt = row.receipt
        cells = {
            self.TIME: lambda: words.clock_text(receipt.received_at),
            self.STATE: lambda: words.state_text(row),
            self.ORDER: lambda: words.order_text(receipt.order_id),
            self.PACKAGE: lambda: words.package_text(row),
            self.CONDITION: lambda: words.condition_text(receipt.condition),
            self.SCANNED_BY: lambda: receipt.received_by,
            self.OVERRIDE: lambda: words.override_text(row),
            self.NOTE: lambda: receipt.note,
        }
        return cells[column]() if column in cells else ""

    def tooltip(self, row: ListedReceipt, column: int) -> str | None:
        if column == self.OVERRIDE:
            return words.override_tooltip(row)
        if column == self.STATE and row.receipt.last_error:
            return row.receipt.last_error
        return None

    def emphasis(self, row: ListedReceipt) -> bool:
        return row.receipt.override_by is not None

    def receipts_changed(self, receipt_ids: Collection[str]) -> None:
        """Reread these receipts and put each where it now belongs."""
        # A receipt made after midnight belongs to a list not read yet.
        if self.roll_over():
            return
        found = self._queries.receipts(receipt_ids)
        start, end = self._bounds
        self.apply(
            {
                ident: (
                    listed
                    if listed is not None and start <= listed.today_key[0] < end
                    else None
                )
                for ident in receipt_ids
                for listed in [found.get(ident)]
            }
        )
