"""The Expected list: captured packages not yet received, by order.

Grouped by order (sorted by order id, then shipment, then package), it can
be narrowed to the orders whose id contains a search text, and says how
long each package has been expected since its capture. A package whose
shipment has no Manna documents is marked: it needs a supervisor.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime

from concierge_app.store import ExpectedPackage, ListQueries
from concierge_app.store.lists import waited
from concierge_app.ui.lists import words
from concierge_app.ui.lists.paged_model import PAGE_SIZE, PagedTableModel
from concierge_app.ui.qt import QObject


class ExpectedModel(PagedTableModel):
    """Expected packages, read by pages, narrowed by an order-id search."""

    ORDER, RECIPIENT, PACKAGE, WAITED, DOCUMENTS = range(5)

    def __init__(
        self,
        queries: ListQueries,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent, page_size)
        self._queries = queries
        self._now = now
        self._search = ""

    @property
    def search(self) -> str:
        """The order-id text the list is narrowed to ("" for every order)."""
        return self._search

    def set_search(self, text: str) -> None:
        """Narrow the list to orders whose id contains `text`, from the top."""
        text = text.strip()
        if text != self._search:
            self._search = text
            self.reload()

    def read_page(
        self, after: ExpectedPackage | None, limit: int
    ) -> list[ExpectedPackage]:
        key = None if after is None else after.key
        return self._queries.expected(search=self._search, after=key, limit=limit)

    def order(self, row: ExpectedPackage) -> tuple[str, str, int]:
        return row.key

    def identity(self, row: ExpectedPackage) -> str:
        return row.package_id

    def headers(self) -> Sequence[str]:
        return [
            self.tr("Order"),
            self.tr("Recipient"),
            self.tr("Package"),
            self.tr("Expected for"),
            self.tr("Documents"),
        ]

    def text(self, row: ExpectedPackage, column: int) -> str:
        cells = {
            self.ORDER: lambda: row.order_id,
            self.RECIPIENT: lambda: row.recipient,
            self.PACKAGE: lambda: self.tr("{k} of {n}").format(
                k=row.number, n=row.count
            ),
            self.WAITED: lambda: words.waited_text(
                waited(row.captured_at, self._now())
            ),
            self.DOCUMENTS: lambda: (
                self.tr("Manna issued")
                if row.manna_issued
                else self.tr("No Manna documents: needs a supervisor")
            ),
        }
        return cells[column]() if column in cells else ""

    def emphasis(self, row: ExpectedPackage) -> bool:
        return not row.manna_issued

    def orders_changed(self, order_ids: Collection[str]) -> None:
        """Reread the packages of these orders that the list holds or would."""
        last = self.last_row()
        relevant = [
            order_id
            for order_id in order_ids
            if self.exhausted or (last is not None and order_id <= last.order_id)
        ]
        if not relevant:
            return
        wanted = set(relevant)
        current: dict[str, ExpectedPackage | None] = {
            row.package_id: None for row in self.rows() if row.order_id in wanted
        }
        for package in self._queries.expected_in(relevant, search=self._search):
            current[package.package_id] = package
        self.apply(current)
