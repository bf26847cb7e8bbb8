"""The shipment panel: the order behind the last scan, and what is still due.

It shows the order, its recipient, and for the fulfillment at hand every
package with whether it is received or still expected (k of n). With no
fulfillment given (an order id was scanned) it shows every fulfillment.
"""

from __future__ import annotations

from dataclasses import dataclass

from concierge_app.domain.model import Fulfillment, FulfillmentStatus, Order, Package
from concierge_app.ui.icons import package_pixmap
from concierge_app.ui.qt import (
    QDateTime,
    QFont,
    QFontMetrics,
    QIcon,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class PackageLine:
    """One package as the panel lists it."""

    package_id: str
    text: str
    received: bool
    just_scanned: bool


class ShipmentPanel(QWidget):
    """The order, its recipient, and each package received or expected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Shipment"))
        self._lines: list[PackageLine] = []

        self._title = QLabel(self)
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setWordWrap(True)
        self._summary = QLabel(self)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self._summary.setWordWrap(True)
        self._packages = QListWidget(self)
        self._packages.setAccessibleName(self.tr("Packages"))
        # The scan field keeps the keyboard; the list is for reading.
        self._packages.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._packages.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        list_font = QFont(self._packages.font())
        list_font.setPointSizeF(list_font.pointSizeF() * 1.15)
        self._packages.setFont(list_font)
        line_height = QFontMetrics(list_font).height()
        self._packages.setSpacing(line_height // 4)
        self._packages.setIconSize(QSize(line_height, line_height))

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._summary)
        layout.addWidget(self._packages, 1)
        layout.addStretch(0)
        self.clear()

    def title(self) -> str:
        """The order line on screen."""
        return self._title.text()

    def summary(self) -> str:
        """The received-so-far line on screen."""
        return self._summary.text()

    def lines(self) -> list[PackageLine]:
        """The packages as listed, in order."""
        return list(self._lines)

    def clear(self) -> None:
        """No order to show yet."""
        self.show_note(
            self.tr("No shipment yet"),
            self.tr("The order of the next scanned package shows here."),
        )

    def show_note(self, title: str, summary: str) -> None:
        """Words instead of an order, such as why the order is not known."""
        self._title.setText(title)
        self._summary.setText(summary)
        self._packages.clear()
        self._packages.hide()
        self._lines = []

    def show_order(
        self,
        order: Order,
        fulfillment_id: str | None = None,
        scanned_package_id: str | None = None,
        scanned_received: bool = False,
    ) -> None:
        """Show an order; with a fulfillment id, that shipment alone.

        `scanned_received` marks the scanned package received even when
        `order` was read before its receipt was made.
        """
        title = self.tr("Order {order} for {recipient}")
        self._title.setText(
            title.format(order=order.order_id, recipient=order.recipient)
        )

        shown = [
            f
            for f in order.fulfillments
            if fulfillment_id is None or f.fulfillment_id == fulfillment_id
        ]
        lines = [
            self._line(f, p, scanned_package_id, scanned_received, len(shown) > 1)
            for f in shown
            for p in sorted(f.packages, key=lambda p: p.number)
        ]
        received = sum(1 for line in lines if line.received)
        if not lines:
            summary = self.tr("No packages are known for this order yet.")
        elif len(lines) == 1:
            summary = (
                self.tr("Its only package is received.")
                if received
                else self.tr("Its only package is still expected.")
            )
        elif received == len(lines):
            summary = self.tr("All {n} packages received.").format(n=len(lines))
        else:
            # The count that changes the sentence's grammar is the one expected.
            summary = self.tr(
                "{k} of {n} packages received; %n still expected.",
                "",
                len(lines) - received,
            ).format(k=received, n=len(lines))
        self._summary.setText(summary)

        self._packages.clear()
        size = self._packages.iconSize().width()
        icons = {
            received: QIcon(package_pixmap(received, size, self.devicePixelRatioF()))
            for received in (True, False)
        }
        for line in lines:
            item = QListWidgetItem(icons[line.received], line.text)
            if line.just_scanned:
                font = QFont(self._packages.font())
                font.setBold(True)
                item.setFont(font)
            self._packages.addItem(item)
        self._packages.setVisible(bool(lines))
        self._lines = lines

    def _line(
        self,
        fulfillment: Fulfillment,
        package: Package,
        scanned_package_id: str | None,
        scanned_received: bool,
        name_shipment: bool,
    ) -> PackageLine:
        just_scanned = package.package_id == scanned_package_id
        receipt = package.receipt
        received = receipt is not None or (just_scanned and scanned_received)
        text = self.tr("Package {k} of {n}").format(k=package.number, n=package.count)
        if name_shipment:
            text = self.tr("Shipment {f}, {package}").format(
                f=fulfillment.fulfillment_id, package=text
            )
        if just_scanned and scanned_received and receipt is None:
            text += self.tr(" — received now")
        elif receipt is not None:
            moment = QDateTime.fromMSecsSinceEpoch(
                round(receipt.received_at.timestamp() * 1000)
            )
            # Qt date format: day, short month name, 24-hour time.
            when = QLocale().toString(moment, self.tr("dd MMM HH:mm"))
            text += self.tr(" — received {when} by {who}").format(
                when=when, who=receipt.received_by
            )
        elif fulfillment.status is FulfillmentStatus.CANCELLED:
            text += self.tr(" — shipment cancelled")
        else:
            text += self.tr(" — still expected")
        if just_scanned:
            text += self.tr(" (just scanned)")
        return PackageLine(package.package_id, text, received, just_scanned)
