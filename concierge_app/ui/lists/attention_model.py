"""The Needs attention list: provisional, refused and lost receipts, oldest first.

Each row says why it needs a person and what to do, until somebody resolves
it with a note (or, for a provisional receipt, the server confirms it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from concierge_app.store import ListedReceipt, ListQueries
from concierge_app.ui.lists import words
from concierge_app.ui.lists.paged_model import PAGE_SIZE, PagedTableModel
from concierge_app.ui.qt import QObject


class AttentionModel(PagedTableModel):
    """Receipts needing attention, read by pages."""

    SINCE, STATE, ORDER, PACKAGE, CAUSE, ACTION, SCANNED_BY, OVERRIDE = range(8)

    def __init__(
        self,
        queries: ListQueries,
        *,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent, page_size)
        self._queries = queries

    def read_page(self, after: ListedReceipt | None, limit: int) -> list[ListedReceipt]:
        key = None if after is None else after.attention_key
        return self._queries.attention(after=key, limit=limit)

    def order(self, row: ListedReceipt) -> tuple[str, str]:
        return row.attention_key

    def identity(self, row: ListedReceipt) -> str:
        return row.receipt_id

    def headers(self) -> Sequence[str]:
        return [
            self.tr("Since"),
            self.tr("State"),
            self.tr("Order"),
            self.tr("Package"),
            self.tr("Cause"),
            self.tr("What to do"),
            self.tr("Scanned by"),
            self.tr("Override"),
        ]

    def text(self, row: ListedReceipt, column: int) -> str:
        receipt = row.receipt
        cells = {
            self.SINCE: lambda: words.when_text(receipt.created_at),
            self.STATE: lambda: words.state_text(row),
            self.ORDER: lambda: words.order_text(receipt.order_id),
            self.PACKAGE: lambda: words.package_text(row),
            self.CAUSE: lambda: words.cause_text(row),
            self.ACTION: lambda: words.action_text(row),
            self.SCANNED_BY: lambda: receipt.received_by,
            self.OVERRIDE: lambda: words.override_text(row),
        }
        return cells[column]() if column in cells else ""

    def tooltip(self, row: ListedReceipt, column: int) -> str | None:
        if column == self.OVERRIDE:
            return words.override_tooltip(row)
        if column in (self.CAUSE, self.ACTION):
            return self.text(row, column)
        return None

    def emphasis(self, row: ListedReceipt) -> bool:
        return row.receipt.override_by is not None

    def receipts_changed(self, receipt_ids: Collection[str]) -> None:
        """Reread these receipts; a resolved or confirmed one leaves the list."""
        found = self._queries.receipts(receipt_ids)
        self.apply(
            {
                ident: (
                    listed
                    if listed is not None and listed.receipt.needs_attention
                    else None
                )
                for ident in receipt_ids
                for listed in [found.get(ident)]
            }
        )
