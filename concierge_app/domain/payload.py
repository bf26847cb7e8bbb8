"""Scanned payloads: whatever a scanner or a keyboard typed, as a typed value.

A scan is one of: a bare token, `ORDER_ID/TOKEN`, a URL whose query holds
`t=TOKEN`, a signed label (`signed_label`), or an order id alone (which
opens the order rather than receiving anything). Control characters, the
scanner's configured prefix and suffix, and the layout mismatches of
`layouts` are undone first. Letters are read without regard to case, which
is also what makes a stray Caps Lock harmless.

`parse_scan` never raises: every input gives a `TokenScan`, an `OrderLookup`
or an `Unreadable` that says what the concierge should do.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from concierge_app.domain import signed_label
from concierge_app.domain import token as token_scheme
from concierge_app.domain.layouts import KNOWN_REMAPS, LayoutRemap
from concierge_app.domain.order_id import OrderId, OrderIdError, parse_order_id
from concierge_app.domain.phrases import Phrase
from concierge_app.domain.signed_label import LabelFormatError, SignedLabel

MAX_SCAN_LENGTH = 512
"""Longer input is refused at once: no label we read comes near it."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


class UnreadableCause(enum.StrEnum):
    """Why a scan could not be read; each has its own message."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_A_TOKEN = "not_a_token"
    CHECK_FAILED = "check_failed"
    AMBIGUOUS_LAYOUT = "ambiguous_layout"
    BAD_ORDER_ID = "bad_order_id"
    URL_WITHOUT_TOKEN = "url_without_token"
    BAD_LABEL = "bad_label"


@dataclass(frozen=True, slots=True)
class TokenScan:
    """A well-formed security token, with the order id when the label gave one.

    A signed label also gives `label`. When a wrong keyboard layout could
    have typed it, `other_readings` holds the label as read through each
    such layout: only the platform's signature can tell which one is meant.
    """

    token: str
    order_id: OrderId | None = None
    layout: LayoutRemap | None = None
    label: SignedLabel | None = None
    other_readings: tuple[TokenScan, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderLookup:
    """An order id scanned alone: open the order instead of receiving."""

    order_id: OrderId
    layout: LayoutRemap | None = None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A scan that gives no token and no order; `message` says what to do."""

    cause: UnreadableCause
    message: str


ScanPayload = TokenScan | OrderLookup | Unreadable


def clean(raw: str, *, prefix: str = "", suffix: str = "") -> str:
    """Drop control and format characters, surrounding space, prefix and suffix."""
    text = "".join(c for c in raw if unicodedata.category(c) not in ("Cc", "Cf"))
    text = text.strip()
    if prefix and text.upper().startswith(prefix.upper()):
        text = text[len(prefix) :]
    if suffix and text.upper().endswith(suffix.upper()):
        text = text[: len(text) - len(suffix)]
    return text.strip()


def parse_scan(raw: str, *, prefix: str = "", suffix: str = "") -> ScanPayload:
    """Read one scan; never raises."""
    if len(raw) > MAX_SCAN_LENGTH:
        return _unreadable(UnreadableCause.TOO_LONG)

    text = clean(raw, prefix=prefix, suffix=suffix)
    if not text:
        return _unreadable(UnreadableCause.EMPTY)

    if _looks_signed(text):
        return _read_signed_label(text)

    if _URL.match(text):
        return _parse_url(text)

    if "/" in text:
        order_part, _, token_part = text.rpartition("/")
        order = _read_order_id(order_part)
        if isinstance(order, Unreadable):
            return order
        found = _read_token(token_part)
        if isinstance(found, TokenScan):
            return TokenScan(found.token, order.order_id, found.layout or order.layout)
        return found

    if _is_order_shaped(text):
        return _read_order_id(text)

    return _read_token(text)


def _looks_signed(text: str) -> bool:
    return any(
        signed_label.has_prefix(candidate)
        for candidate in (text, *(remap.apply(text) for remap in KNOWN_REMAPS))
    )


def _read_signed_label(text: str) -> TokenScan | Unreadable:
    readings: list[TokenScan] = []
    first_error: LabelFormatError | None = None
    candidates = [(text, None), *((remap.apply(text), remap) for remap in KNOWN_REMAPS)]
    for candidate, remap in candidates:
        if not signed_label.has_prefix(candidate):
            continue
        try:
            label = signed_label.decode(candidate)
        except LabelFormatError as error:
            first_error = first_error or error
            continue
        if all(reading.label != label for reading in readings):
            readings.append(TokenScan(label.token, label.order_id, remap, label))

    if not readings:
        # A typed token may start like a label when L is typed for 1.
        typed = _read_token(text)
        if isinstance(typed, TokenScan):
            return typed
        reason = first_error.reason if first_error else Phrase("label.damaged")
        return Unreadable(
            UnreadableCause.BAD_LABEL, Phrase("unreadable.bad_label", reason=reason)
        )
    first, *others = readings
    return TokenScan(
        first.token, first.order_id, first.layout, first.label, tuple(others)
    )


def _parse_url(text: str) -> ScanPayload:
    try:
        query = urlsplit(text).query
    except ValueError:
        return _unreadable(UnreadableCause.URL_WITHOUT_TOKEN)
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() == "t":
            return _read_token(value)
    return _unreadable(UnreadableCause.URL_WITHOUT_TOKEN)


def _read_token(candidate: str) -> TokenScan | Unreadable:
    normalised = token_scheme.normalise(candidate)
    if token_scheme.is_valid(normalised):
        return TokenScan(normalised)

    repaired = {
        fixed: remap
        for remap in KNOWN_REMAPS
        if token_scheme.is_valid(
            fixed := token_scheme.normalise(remap.apply(candidate))
        )
    }
    if len(repaired) == 1:
        ((fixed, remap),) = repaired.items()
        return TokenScan(fixed, layout=remap)
    if len(repaired) > 1:
        return _unreadable(UnreadableCause.AMBIGUOUS_LAYOUT)

    if len(normalised) == token_scheme.TOKEN_LENGTH and all(
        symbol in token_scheme.ALPHABET for symbol in normalised
    ):
        return _unreadable(UnreadableCause.CHECK_FAILED)
    return _unreadable(UnreadableCause.NOT_A_TOKEN)


def _read_order_id(text: str) -> OrderLookup | Unreadable:
    try:
        return OrderLookup(parse_order_id(text))
    except OrderIdError as error:
        first_error = error

    for remap in KNOWN_REMAPS:
        try:
            return OrderLookup(parse_order_id(remap.apply(text)), layout=remap)
        except OrderIdError:
            continue
    return Unreadable(UnreadableCause.BAD_ORDER_ID, order_id_message(first_error))


def _is_order_shaped(text: str) -> bool:
    # A grouped token has five groups and an order id four; four groups led
    # by a number are meant as an order id, even through a wrong layout.
    def shaped(candidate: str) -> bool:
        return candidate.count("-") == 3 and candidate.split("-", 1)[0].isdigit()

    return shaped(text) or any(shaped(remap.apply(text)) for remap in KNOWN_REMAPS)


def order_id_message(error: OrderIdError) -> str:
    """The desk's words for an order id that does not parse."""
    return Phrase(
        "unreadable.bad_order_id", segment=error.segment, problem=error.reason
    )


def _unreadable(cause: UnreadableCause) -> Unreadable:
    # Every cause has its words under the same name (domain.phrases).
    return Unreadable(cause, Phrase("unreadable." + cause.value))


@dataclass(frozen=True, slots=True)
class EntryPreview:
    """What manual entry shows while a token is being typed."""

    grouped: str
    complete: bool
    check_ok: bool
    invalid_symbols: str


def preview_entry(text: str) -> EntryPreview:
    """Group the symbols typed so far and flag a failed check before any lookup."""
    normalised = token_scheme.normalise(text)
    invalid = "".join(sorted({s for s in normalised if s not in token_scheme.ALPHABET}))
    complete = len(normalised) >= token_scheme.TOKEN_LENGTH
    return EntryPreview(
        grouped=token_scheme.format_groups(normalised),
        complete=complete,
        check_ok=complete and token_scheme.is_valid(normalised),
        invalid_symbols=invalid,
    )
