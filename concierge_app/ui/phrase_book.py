"""The ui's catalogue of the domain's phrases: message id to translated words.

The domain gives its words as `Phrase`s (English text, a message id and
arguments; see `concierge_app.domain.phrases`). Here every id has its own
`self.tr(...)` call with the same English template, so Qt Linguist picks
each one up, counts get their plural forms, and times are written the way
the desk's language writes them. Text that is not a phrase (a server's own
words) is shown as it came.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from concierge_app.domain.phrases import Phrase
from concierge_app.ui.qt import QDateTime, QLocale, QObject

Words = Callable[[Mapping[str, object]], str]


class PhraseBook(QObject):
    """Translates the domain's phrases by message id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = self._catalogue()

    @property
    def keys(self) -> frozenset[str]:
        """Every message id this catalogue translates."""
        return frozenset(self._entries)

    def words(self, text: str) -> str:
        """`text` in the desk's language: a phrase by its id, other text as is."""
        if not isinstance(text, Phrase):
            return text
        entry = self._entries.get(text.key)
        if entry is None:
            return str(text)
        return entry(text.args)

    def when(self, value: datetime) -> str:
        """A time as the desk's language writes it, in local time."""
        moment = QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000))
        # Qt date format: day, short month name, year, 24-hour time.
        return QLocale().toString(moment, self.tr("dd MMM yyyy HH:mm"))

    def _arg(self, args: Mapping[str, object], name: str) -> str:
        value = args.get(name, "")
        if isinstance(value, datetime):
            return self.when(value)
        if isinstance(value, str):
            return self.words(value)
        return str(value)

    def _catalogue(self) -> dict[str, Words]:
        def simple(text: str) -> Words:
            # `text` is already translated: self.tr ran with a literal below.
            return lambda args: text.format(
                **{name: self._arg(args, name) for name in args}
            )

        return {
            "headline.accepted": simple(self.tr("Accepted")),
            "headline.accepted_provisional": simple(self.tr("Accepted, provisional")),
            "headline.already_received": simple(self.tr("Already received")),
            "headline.wrong_facility": simple(self.tr("Wrong facility")),
            "headline.not_captured": simple(self.tr("Not captured")),
            "headline.released_early": simple(self.tr("Released early")),
            "headline.unknown_token": simple(self.tr("Unknown token")),
            "headline.unreadable": simple(self.tr("Unreadable")),
            "headline.label_not_genuine": simple(self.tr("Label not genuine")),
            "headline.label_key_unknown": simple(self.tr("Label key unknown")),
            "headline.label_mismatch": simple(self.tr("Label does not match")),
            "accepted.package": simple(
                self.tr("Package {number} of {count} received.")
            ),
            "accepted.package_for_order": simple(
                self.tr("Package {number} of {count} received for order {order}.")
            ),
            "accepted.missing": self._missing,
            "accepted.missing_package": simple(self.tr("package {number}")),
            "accepted.complete": simple(self.tr("The shipment is complete.")),
            "accepted.override": simple(self.tr("Accepted by supervisor override.")),
            "accepted.by_label": simple(
                self.tr(
                    "Verified offline by its signed label; the rest of the shipment "
                    "shows after the next sync."
                )
            ),
            "provisional.kept": simple(
                self.tr(
                    "Offline: the receipt is kept and will be verified when the "
                    "network returns. It stays under Needs attention until then."
                )
            ),
            "provisional.label_ahead": simple(
                self.tr(
                    "Its signed label was issued on {issued}, later than this "
                    "desk's clock says it is now. Ask a supervisor to check the "
                    "desk's date and time."
                )
            ),
            "already.repeat": simple(
                self.tr(
                    "You just scanned this package; its receipt is kept. Nothing to do."
                )
            ),
            "already.by": simple(
                self.tr(
                    "This package was received on {when} by {who}. Do not register "
                    "it twice."
                )
            ),
            "already.unknown": simple(
                self.tr("This package was received. Do not register it twice.")
            ),
            "wrong_facility.refuse": simple(
                self.tr("This package belongs to another facility. Refuse the package.")
            ),
            "not_captured.refuse": simple(
                self.tr(
                    "Refuse the package: {reason}. Goods must not leave the boutique "
                    "before capture."
                )
            ),
            "released_early.refuse": simple(
                self.tr(
                    "Refuse the package: no Manna documents were issued. A "
                    "supervisor may accept it with a note."
                )
            ),
            "unknown_token.refuse": simple(
                self.tr(
                    "No package has this token. Refuse it, or retype the token to "
                    "check."
                )
            ),
            "unreadable.rescan": simple(
                self.tr("Rescan the label or retype the token.")
            ),
            "label_not_genuine.refuse": simple(
                self.tr(
                    "Refuse the package: its label's signature does not match what "
                    "the label says, so the platform did not print it. Call a "
                    "supervisor."
                )
            ),
            "label_key_unknown.refuse": simple(
                self.tr(
                    "Refuse the package for now: {reason}. Sync when the network "
                    "returns and scan it again."
                )
            ),
            "label_mismatch.refuse": simple(
                self.tr(
                    "Refuse the package: its label names another order or package "
                    "than the platform's records for this token. Call a supervisor."
                )
            ),
            "reason.label_not_genuine": simple(
                self.tr("the label's signature does not match what it says")
            ),
            "reason.label_mismatch": simple(
                self.tr(
                    "the label names another order, shipment or package number than "
                    "the platform's records"
                )
            ),
            "reason.label_key_unknown": simple(
                self.tr("the label is signed with a key this desk does not have")
            ),
            "reason.label_key_not_valid": simple(
                self.tr("the label's key was not in use when the label was issued")
            ),
            "reason.not_captured": simple(self.tr("the payment is not captured")),
            "reason.cancelled": simple(self.tr("the fulfillment was cancelled")),
            "reason.capture_pending": simple(
                self.tr("the payment has not been captured yet")
            ),
            "reason.capture_failed": simple(self.tr("the payment capture failed")),
            "reason.capture_voided": simple(self.tr("the payment capture was voided")),
            "reason.capture_refunded": simple(self.tr("the payment was refunded")),
            "reason.no_manna": simple(
                self.tr("no Manna documents were issued for this shipment")
            ),
            "unreadable.empty": simple(
                self.tr("Nothing was scanned. Scan the label again.")
            ),
            "unreadable.too_long": simple(
                self.tr("That scan is far too long to be a label. Scan again.")
            ),
            "unreadable.not_a_token": simple(
                self.tr(
                    "This is not a security token. Scan the package label or type "
                    "its token."
                )
            ),
            "unreadable.check_failed": simple(
                self.tr(
                    "The token's check symbol does not match: a symbol was misread "
                    "or mistyped. Rescan or retype it."
                )
            ),
            "unreadable.ambiguous_layout": simple(
                self.tr(
                    "The token only reads under a wrong keyboard layout, and more "
                    "than one fits. Retype it, and check the scanner's keyboard "
                    "layout."
                )
            ),
            "unreadable.url_without_token": simple(
                self.tr(
                    "This link holds no security token (no t= in it). Scan the "
                    "package label."
                )
            ),
            "unreadable.bad_order_id": simple(
                self.tr(
                    "This order id is not valid: the {segment} {problem}. An order "
                    "id reads like 1-2603-1-000001."
                )
            ),
            "order_id.not_positive": simple(self.tr("must be a positive integer")),
            "order_id.year_digits": simple(self.tr("year must be two digits")),
            "order_id.bad_month": simple(self.tr("month {month} is not 01-12")),
            "order_id.sequence_range": simple(self.tr("must be 000001 to 999999")),
            "order_id.whitespace": simple(
                self.tr("has leading or trailing whitespace")
            ),
            "order_id.missing": simple(
                self.tr("is missing (expected tenant-YYMM-partner-sequence)")
            ),
            "order_id.too_many": simple(self.tr("has more than four segments")),
            "order_id.value_not_positive": simple(
                self.tr("{value} is not a positive integer")
            ),
            "order_id.not_four_digits": simple(self.tr("{value} is not four digits")),
            "order_id.not_six_digits": simple(self.tr("{value} is not six digits")),
            "unreadable.bad_label": simple(
                self.tr(
                    "This signed label cannot be read: {reason}. Scan it again, or "
                    "type the token printed beside it."
                )
            ),
            "label.no_prefix": simple(self.tr("it does not start with {prefix}")),
            "label.data_after": simple(self.tr("it has data after the signature")),
            "label.bad_order_id": simple(
                self.tr("its order id is not valid (the {segment} {problem})")
            ),
            "label.bad_key_id": simple(self.tr("its key id is not valid")),
            "label.bad_fulfillment_id": simple(
                self.tr("its fulfillment id is empty, too long or not printable")
            ),
            "label.bad_number": simple(
                self.tr("package {number} of {count} is not a package number")
            ),
            "label.time_without_offset": simple(
                self.tr("its issue time has no offset")
            ),
            "label.time_out_of_range": simple(
                self.tr("its issue time is out of range")
            ),
            "label.token_check_failed": simple(
                self.tr("the token in it fails its check symbol")
            ),
            "label.signature_size": simple(self.tr("its signature is not 64 bytes")),
            "label.cut_short_at": simple(self.tr("it is cut short (at its {field})")),
            "label.not_text": simple(self.tr("its {field} is not text")),
            "label.bad_symbols": simple(
                self.tr("it holds symbols a label never has ({symbols})")
            ),
            "label.cut_or_added": simple(
                self.tr("it is cut short or has symbols added")
            ),
            "label.damaged": simple(self.tr("it is damaged")),
            "label.field.key_id": simple(self.tr("key id")),
            "label.field.order_id": simple(self.tr("order id")),
            "label.field.fulfillment_id": simple(self.tr("fulfillment id")),
            "label.field.package_number": simple(self.tr("package number")),
            "label.field.issue_time": simple(self.tr("issue time")),
            "label.field.token": simple(self.tr("token")),
            "label.field.signature": simple(self.tr("signature")),
            "order.not_expected": simple(
                self.tr("Order {order} is not expected at this facility.")
            ),
            "layout.qwertz": simple(
                self.tr(
                    "The scanner types as US English but this workstation uses "
                    "QWERTZ (German)."
                )
            ),
            "layout.azerty": simple(
                self.tr(
                    "The scanner types as US English but this workstation uses "
                    "AZERTY (French)."
                )
            ),
        }

    def _missing(self, args: Mapping[str, object]) -> str:
        given = args.get("numbers", ())
        numbers = given if isinstance(given, tuple) else ()
        count = len(numbers)
        item = self.tr("package {number}")
        packages = ", ".join(item.format(number=n) for n in numbers)
        return self.tr("Still missing in this shipment: {packages}.", "", count).format(
            packages=packages
        )
