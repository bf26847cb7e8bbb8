"""The domain's words for the concierge, each with a stable message id.

A `Phrase` is its English text, so the command line, the support log and
every comparison read it as the plain string they always did; it also
carries its message id (`key`) and its arguments, so that the ui can look
the id up in its own Qt catalogue and format the translation with the same
arguments. The domain stays free of Qt, and no translation depends on
matching English sentences.

`ENGLISH` is the one table of English templates, by id. The ui's catalogue
(`concierge_app.ui.phrase_book`) has an entry for every id here, and a test
checks both say the same in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # The verdicts' headlines, by `VerdictKind` value.
        "headline.accepted": "Accepted",
        "headline.accepted_provisional": "Accepted, provisional",
        "headline.already_received": "Already received",
        "headline.wrong_facility": "Wrong facility",
        "headline.not_captured": "Not captured",
        "headline.released_early": "Released early",
        "headline.unknown_token": "Unknown token",
        "headline.unreadable": "Unreadable",
        "headline.label_not_genuine": "Label not genuine",
        "headline.label_key_unknown": "Label key unknown",
        "headline.label_mismatch": "Label does not match",
        # The sentences of the instructions beneath them.
        "accepted.package": "Package {number} of {count} received.",
        "accepted.package_for_order": (
            "Package {number} of {count} received for order {order}."
        ),
        "accepted.missing": "Still missing in this shipment: {packages}.",
        "accepted.missing_package": "package {number}",
        "accepted.complete": "The shipment is complete.",
        "accepted.override": "Accepted by supervisor override.",
        "accepted.by_label": (
            "Verified offline by its signed label; the rest of the shipment "
            "shows after the next sync."
        ),
        "provisional.kept": (
            "Offline: the receipt is kept and will be verified when the network "
            "returns. It stays under Needs attention until then."
        ),
        "provisional.label_ahead": (
            "Its signed label was issued on {issued}, later than this desk's "
            "clock says it is now. Ask a supervisor to check the desk's date "
            "and time."
        ),
        "already.repeat": (
            "You just scanned this package; its receipt is kept. Nothing to do."
        ),
        "already.by": (
            "This package was received on {when} by {who}. Do not register it twice."
        ),
        "already.unknown": "This package was received. Do not register it twice.",
        "wrong_facility.refuse": (
            "This package belongs to another facility. Refuse the package."
        ),
        "not_captured.refuse": (
            "Refuse the package: {reason}. Goods must not leave the boutique "
            "before capture."
        ),
        "released_early.refuse": (
            "Refuse the package: no Manna documents were issued. A supervisor may "
            "accept it with a note."
        ),
        "unknown_token.refuse": (
            "No package has this token. Refuse it, or retype the token to check."
        ),
        "unreadable.rescan": "Rescan the label or retype the token.",
        "label_not_genuine.refuse": (
            "Refuse the package: its label's signature does not match what the "
            "label says, so the platform did not print it. Call a supervisor."
        ),
        "label_key_unknown.refuse": (
            "Refuse the package for now: {reason}. Sync when the network returns "
            "and scan it again."
        ),
        "label_mismatch.refuse": (
            "Refuse the package: its label names another order or package than "
            "the platform's records for this token. Call a supervisor."
        ),
        # Why a capture refuses a package (inside not_captured.refuse).
        "reason.not_captured": "the payment is not captured",
        "reason.cancelled": "the fulfillment was cancelled",
        "reason.capture_pending": "the payment has not been captured yet",
        "reason.capture_failed": "the payment capture failed",
        "reason.capture_voided": "the payment capture was voided",
        "reason.capture_refunded": "the payment was refunded",
        "reason.no_manna": "no Manna documents were issued for this shipment",
        "reason.label_not_genuine": "the label's signature does not match what it says",
        "reason.label_mismatch": (
            "the label names another order, shipment or package number than the "
            "platform's records"
        ),
        "reason.label_key_unknown": (
            "the label is signed with a key this desk does not have"
        ),
        "reason.label_key_not_valid": (
            "the label's key was not in use when the label was issued"
        ),
        # Why a scan could not be read, by `UnreadableCause` value.
        "unreadable.empty": "Nothing was scanned. Scan the label again.",
        "unreadable.too_long": "That scan is far too long to be a label. Scan again.",
        "unreadable.not_a_token": (
            "This is not a security token. Scan the package label or type its token."
        ),
        "unreadable.check_failed": (
            "The token's check symbol does not match: a symbol was misread or "
            "mistyped. Rescan or retype it."
        ),
        "unreadable.ambiguous_layout": (
            "The token only reads under a wrong keyboard layout, and more than one "
            "fits. Retype it, and check the scanner's keyboard layout."
        ),
        "unreadable.url_without_token": (
            "This link holds no security token (no t= in it). Scan the package label."
        ),
        "unreadable.bad_order_id": (
            "This order id is not valid: the {segment} {problem}. An order id "
            "reads like 1-2603-1-000001."
        ),
        # What is wrong with an order id's segment (inside bad_order_id).
        "order_id.not_positive": "must be a positive integer",
        "order_id.year_digits": "year must be two digits",
        "order_id.bad_month": "month {month} is not 01-12",
        "order_id.sequence_range": "must be 000001 to 999999",
        "order_id.whitespace": "has leading or trailing whitespace",
        "order_id.missing": "is missing (expected tenant-YYMM-partner-sequence)",
        "order_id.too_many": "has more than four segments",
        "order_id.value_not_positive": "{value} is not a positive integer",
        "order_id.not_four_digits": "{value} is not four digits",
        "order_id.not_six_digits": "{value} is not six digits",
        "unreadable.bad_label": (
            "This signed label cannot be read: {reason}. Scan it again, or type the "
            "token printed beside it."
        ),
        # Why a signed label cannot be read (inside unreadable.bad_label).
        "label.no_prefix": "it does not start with {prefix}",
        "label.data_after": "it has data after the signature",
        "label.bad_order_id": "its order id is not valid (the {segment} {problem})",
        "label.bad_key_id": "its key id is not valid",
        "label.bad_fulfillment_id": (
            "its fulfillment id is empty, too long or not printable"
        ),
        "label.bad_number": "package {number} of {count} is not a package number",
        "label.time_without_offset": "its issue time has no offset",
        "label.time_out_of_range": "its issue time is out of range",
        "label.token_check_failed": "the token in it fails its check symbol",
        "label.signature_size": "its signature is not 64 bytes",
        "label.cut_short_at": "it is cut short (at its {field})",
        "label.not_text": "its {field} is not text",
        "label.bad_symbols": "it holds symbols a label never has ({symbols})",
        "label.cut_or_added": "it is cut short or has symbols added",
        "label.damaged": "it is damaged",
        "label.field.key_id": "key id",
        "label.field.order_id": "order id",
        "label.field.fulfillment_id": "fulfillment id",
        "label.field.package_number": "package number",
        "label.field.issue_time": "issue time",
        "label.field.token": "token",
        "label.field.signature": "signature",
        "order.not_expected": "Order {order} is not expected at this facility.",
        # Keyboard-layout hints, by `LayoutRemap.name`.
        "layout.qwertz": (
            "The scanner types as US English but this workstation uses QWERTZ (German)."
        ),
        "layout.azerty": (
            "The scanner types as US English but this workstation uses AZERTY (French)."
        ),
    }
)

WHEN_FORMAT = "%d %b %Y %H:%M"
"""How a time reads in the English words (local time)."""


def english_value(value: object) -> str:
    """An argument as the English words show it."""
    if isinstance(value, datetime):
        return value.astimezone().strftime(WHEN_FORMAT)
    return str(value)


class Phrase(str):
    """English words that also carry their message id and arguments."""

    key: str
    args: Mapping[str, object]

    def __new__(cls, key: str, **args: object) -> Phrase:
        """The phrase `key` of `ENGLISH`, formatted with `args`."""
        shown = {name: english_value(value) for name, value in args.items()}
        phrase = super().__new__(cls, ENGLISH[key].format(**shown))
        phrase.key = key
        phrase.args = MappingProxyType(dict(args))
        return phrase
