"""Signed labels: a package's facts and the platform's Ed25519 signature in a QR.

A signed label lets a desk verify a package it has never seen, with no
network (DESIGN.md section 2). It carries the security token, the order id
(whose tenant and partner name the facility), the fulfillment, the
package's number and count (k of n), when it was issued, and the id of the
platform key that signed it.

The signature covers `canonical_bytes`: the ASCII magic `CSL1`, then

    key id          1-byte length + ASCII (letters, digits, '.', '_', '-')
    order id        1-byte length + ASCII, the canonical form
    fulfillment id  1-byte length + UTF-8 (1 to 64 bytes, printable)
    number, count   2 bytes each, big-endian (1 <= number <= count <= 999)
    issued at       4 bytes, big-endian seconds since 1970-01-01 UTC
    token           17 ASCII symbols, the canonical token

On the label, the fields (without the magic) and the 64-byte signature are
written in Crockford base32 after the prefix `CSL1-`. The text holds only
digits, capitals and one hyphen, so a QR code stores it in its compact
alphanumeric mode, case does not matter (a stray Caps Lock is harmless),
and the keyboard-layout repairs of `layouts` apply to it as to a token.

`decode` raises `LabelFormatError` with a reason a concierge can read (a
`Phrase`, so the desk says it in its own language);
`check` tells whether a label is genuine against the keys the desk holds.
`issued_ahead` compares a label's issue time with the desk's clock: a label
cannot have been printed later than now, so one issued more than
`CLOCK_SKEW` ahead means the desk's clock (or the label's) is wrong, and
the desk does not vouch for it offline (see `verdict`).
"""

from __future__ import annotations

import enum
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import Facility
from concierge_app.domain.order_id import OrderId, OrderIdError, parse_order_id
from concierge_app.domain.phrases import Phrase

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PREFIX = "CSL1-"
"""What every signed label's text starts with (any case)."""

MAGIC = b"CSL1"
SIGNATURE_LENGTH = 64
PUBLIC_KEY_LENGTH = 32
MAX_FULFILLMENT_ID = 64
MAX_PACKAGES = 999
ALGORITHM = "Ed25519"

CLOCK_SKEW = timedelta(minutes=15)
"""How far ahead of the desk's clock a label's issue time may be and still
count: more than the drift of an unsynchronised PC over months, far less
than the error of a clock set to the wrong day or zone."""

_KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,32}")
_ALPHABET = token_scheme.ALPHABET
_VALUE = {symbol: index for index, symbol in enumerate(_ALPHABET)}
_UINT32 = 2**32


class LabelFormatError(ValueError):
    """Text that is not a well-formed signed label; `reason` says why."""

    def __init__(self, reason: Phrase) -> None:
        super().__init__(reason)
        self.reason = reason


class LabelCheck(enum.StrEnum):
    """What the desk's keys say about a label's signature."""

    GENUINE = "genuine"
    UNKNOWN_KEY = "unknown_key"
    KEY_NOT_VALID = "key_not_valid"
    BAD_SIGNATURE = "bad_signature"


@dataclass(frozen=True, slots=True)
class LabelKey:
    """One of the platform's public label keys, with when it signs labels."""

    key_id: str
    public_key: bytes
    not_before: datetime
    not_after: datetime | None = None

    def __post_init__(self) -> None:
        if not _KEY_ID.fullmatch(self.key_id):
            raise ValueError(f"label key id {self.key_id[:40]!r} is not valid")
        if len(self.public_key) != PUBLIC_KEY_LENGTH:
            raise ValueError("an Ed25519 public key is 32 bytes")
        if self.not_before.tzinfo is None or (
            self.not_after is not None and self.not_after.tzinfo is None
        ):
            raise ValueError("label key validity needs times with an offset")

    def covers(self, moment: datetime) -> bool:
        """True when labels issued at `moment` may carry this key's signature."""
        if moment < self.not_before:
            return False
        return self.not_after is None or moment <= self.not_after


@dataclass(frozen=True, slots=True)
class SignedLabel:
    """A signed label as read from its text; the token stays out of `repr`."""

    token: str = field(repr=False)
    order_id: OrderId
    fulfillment_id: str
    number: int
    count: int
    issued_at: datetime
    key_id: str
    signature: bytes = field(repr=False)

    def __post_init__(self) -> None:
        _check_fields(self)

    @property
    def facility(self) -> Facility:
        """The facility the label is for: the order id's tenant and partner."""
        return Facility(self.order_id.tenant, self.order_id.partner)


def canonical_bytes(label: SignedLabel) -> bytes:
    """The exact bytes the signature covers (see the module docstring)."""
    return MAGIC + _fields(label)


def sign(
    private_key: Ed25519PrivateKey,
    *,
    key_id: str,
    token: str,
    order_id: OrderId,
    fulfillment_id: str,
    number: int,
    count: int,
    issued_at: datetime,
) -> SignedLabel:
    """A label for these facts, signed with `private_key` (the platform's side)."""
    unsigned = SignedLabel(
        token=token_scheme.normalise(token),
        order_id=order_id,
        fulfillment_id=fulfillment_id,
        number=number,
        count=count,
        issued_at=issued_at.astimezone(UTC).replace(microsecond=0),
        key_id=key_id,
        signature=bytes(SIGNATURE_LENGTH),
    )
    signature = private_key.sign(canonical_bytes(unsigned))
    return SignedLabel(
        token=unsigned.token,
        order_id=order_id,
        fulfillment_id=fulfillment_id,
        number=number,
        count=count,
        issued_at=unsigned.issued_at,
        key_id=key_id,
        signature=signature,
    )


def encode(label: SignedLabel) -> str:
    """The label's text, as the QR code carries it."""
    return PREFIX + _to_base32(_fields(label) + label.signature)


def has_prefix(text: str) -> bool:
    """True when `text` is meant as a signed label (it may still be damaged)."""
    return text[: len(PREFIX)].upper() == PREFIX


def decode(text: str) -> SignedLabel:
    """Read a label's text; raise `LabelFormatError` saying what is wrong."""
    if not has_prefix(text):
        raise LabelFormatError(Phrase("label.no_prefix", prefix=PREFIX))
    data = _from_base32(text[len(PREFIX) :])
    reader = _Reader(data)

    key_id = reader.text("key_id")
    order_text = reader.text("order_id")
    fulfillment_id = reader.text("fulfillment_id", utf8=True)
    number, count = reader.unpack(">HH", "package_number")
    (issued,) = reader.unpack(">I", "issue_time")
    token = reader.take(token_scheme.TOKEN_LENGTH, "token").decode("ascii", "replace")
    signature = reader.take(SIGNATURE_LENGTH, "signature")
    if reader.left:
        raise LabelFormatError(Phrase("label.data_after"))

    try:
        order_id = parse_order_id(order_text)
    except OrderIdError as error:
        raise LabelFormatError(
            Phrase(
                "label.bad_order_id",
                segment=error.segment_words,
                problem=error.reason,
            )
        ) from None
    return SignedLabel(
        token=token,
        order_id=order_id,
        fulfillment_id=fulfillment_id,
        number=number,
        count=count,
        issued_at=datetime.fromtimestamp(issued, UTC),
        key_id=key_id,
        signature=signature,
    )


def check(label: SignedLabel, keys: Iterable[LabelKey]) -> LabelCheck:
    """Whether one of `keys` signed this label while it was valid."""
    # Imported at the first check, not with the module: the verdicts import
    # this module, and the desk's window shows before any label is read.
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = next((k for k in keys if k.key_id == label.key_id), None)
    if key is None:
        return LabelCheck.UNKNOWN_KEY

    # A signature is checked even for a key outside its validity: a forged
    # label must read as forged, not as merely old.
    try:
        public = Ed25519PublicKey.from_public_bytes(key.public_key)
        public.verify(label.signature, canonical_bytes(label))
    except (InvalidSignature, ValueError):
        return LabelCheck.BAD_SIGNATURE
    if not key.covers(label.issued_at):
        return LabelCheck.KEY_NOT_VALID
    return LabelCheck.GENUINE


def issued_ahead(
    label: SignedLabel, now: datetime, skew: timedelta = CLOCK_SKEW
) -> timedelta | None:
    """How far the label's issue time is ahead of `now`, when beyond `skew`."""
    ahead = label.issued_at - now
    return ahead if ahead > skew else None


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    """The 32 raw bytes of the public half of `private_key`."""
    return private_key.public_key().public_bytes_raw()


# -- the byte form -------------------------------------------------------------


def _check_fields(label: SignedLabel) -> None:
    if not _KEY_ID.fullmatch(label.key_id):
        raise LabelFormatError(Phrase("label.bad_key_id"))
    fid = label.fulfillment_id
    if not fid or not fid.isprintable() or len(fid.encode()) > MAX_FULFILLMENT_ID:
        raise LabelFormatError(Phrase("label.bad_fulfillment_id"))
    if not 1 <= label.count <= MAX_PACKAGES or not 1 <= label.number <= label.count:
        raise LabelFormatError(
            Phrase("label.bad_number", number=label.number, count=label.count)
        )
    if label.issued_at.tzinfo is None:
        raise LabelFormatError(Phrase("label.time_without_offset"))
    if not 0 <= label.issued_at.timestamp() < _UINT32:
        raise LabelFormatError(Phrase("label.time_out_of_range"))
    if not token_scheme.is_valid(label.token):
        raise LabelFormatError(Phrase("label.token_check_failed"))
    if len(label.signature) != SIGNATURE_LENGTH:
        raise LabelFormatError(Phrase("label.signature_size"))


def _fields(label: SignedLabel) -> bytes:
    def counted(text: str) -> bytes:
        raw = text.encode("utf-8")
        return bytes([len(raw)]) + raw

    return b"".join(
        (
            counted(label.key_id),
            counted(str(label.order_id)),
            counted(label.fulfillment_id),
            struct.pack(
                ">HHI", label.number, label.count, int(label.issued_at.timestamp())
            ),
            label.token.encode("ascii"),
        )
    )


def _field(what: str) -> Phrase:
    # A field's name as the concierge reads it, by its id in the byte form.
    return Phrase("label.field." + what)


class _Reader:
    """Reads fields off the decoded bytes, naming the one that ran short."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    @property
    def left(self) -> int:
        return len(self._data) - self._at

    def take(self, size: int, what: str) -> bytes:
        if size > self.left:
            raise LabelFormatError(Phrase("label.cut_short_at", field=_field(what)))
        chunk = self._data[self._at : self._at + size]
        self._at += size
        return chunk

    def text(self, what: str, *, utf8: bool = False) -> str:
        (size,) = self.take(1, what)
        raw = self.take(size, what)
        try:
            return raw.decode("utf-8" if utf8 else "ascii")
        except UnicodeDecodeError:
            raise LabelFormatError(
                Phrase("label.not_text", field=_field(what))
            ) from None

    def unpack(self, form: str, what: str) -> tuple[int, ...]:
        values: tuple[int, ...] = struct.unpack(
            form, self.take(struct.calcsize(form), what)
        )
        return values


def _to_base32(data: bytes) -> str:
    # Crockford base32, most significant bits first, zero bits padding the
    # last symbol: the token alphabet, so the same forgiving reading applies.
    size = (len(data) * 8 + 4) // 5
    value = int.from_bytes(data, "big") << (size * 5 - len(data) * 8)
    return "".join(_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(size)))


def _from_base32(text: str) -> bytes:
    symbols = token_scheme.normalise(text)
    bad = sorted({s for s in symbols if s not in _VALUE})
    if bad:
        raise LabelFormatError(Phrase("label.bad_symbols", symbols=" ".join(bad[:5])))
    size, spare = divmod(len(symbols) * 5, 8)
    value = 0
    for symbol in symbols:
        value = value << 5 | _VALUE[symbol]
    if spare >= 5 or value & ((1 << spare) - 1):
        raise LabelFormatError(Phrase("label.cut_or_added"))
    return (value >> spare).to_bytes(size, "big")
