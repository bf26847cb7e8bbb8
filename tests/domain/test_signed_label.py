"""Signed labels: the byte form, signatures, keys, and reading them from a scan."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from concierge_app.domain import signed_label
from concierge_app.domain import token as token_scheme
from concierge_app.domain.layouts import AZERTY, QWERTZ, LayoutRemap, type_through
from concierge_app.domain.model import Facility
from concierge_app.domain.order_id import OrderId, parse_order_id
from concierge_app.domain.payload import (
    TokenScan,
    Unreadable,
    UnreadableCause,
    parse_scan,
)
from concierge_app.domain.signed_label import (
    LabelCheck,
    LabelFormatError,
    LabelKey,
    SignedLabel,
)

PRIVATE = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"test key").digest())
OTHER = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"other key").digest())
ISSUED = datetime(2026, 3, 2, 7, 5, 45, tzinfo=UTC)
TOKEN = token_scheme.from_payload("7K3MQ2XD9TPAW4HN")
KEY = LabelKey(
    key_id="k1",
    public_key=signed_label.public_key_bytes(PRIVATE),
    not_before=datetime(2026, 1, 1, tzinfo=UTC),
    not_after=datetime(2026, 10, 1, tzinfo=UTC),
)


def make(
    private: Ed25519PrivateKey = PRIVATE, *, key_id: str = "k1", **changes: object
) -> SignedLabel:
    fields: dict[str, object] = {
        "token": TOKEN,
        "order_id": parse_order_id("1-2603-1-000002"),
        "fulfillment_id": "F-000002-1",
        "number": 2,
        "count": 3,
        "issued_at": ISSUED,
    }
    fields.update(changes)
    return signed_label.sign(private, key_id=key_id, **fields)  # type: ignore[arg-type]


def test_the_canonical_bytes_are_the_documented_layout() -> None:
    label = make()

    expected = (
        b"CSL1\x02k1\x0f1-2603-1-000002\x0aF-000002-1"
        + struct.pack(">HHI", 2, 3, int(ISSUED.timestamp()))
        + TOKEN.encode("ascii")
    )
    assert signed_label.canonical_bytes(label) == expected


def test_signing_is_deterministic_and_the_text_is_qr_alphanumeric() -> None:
    text = signed_label.encode(make())

    assert text == signed_label.encode(make())
    assert text.startswith("CSL1-")
    # Digits, capitals and the hyphen: QR's alphanumeric mode holds them.
    assert set(text) <= set(token_scheme.ALPHABET + "CSL-")
    assert len(text) < 220


def test_a_label_reads_back_as_it_was_written_in_any_case() -> None:
    label = make()
    text = signed_label.encode(label)

    assert signed_label.decode(text) == label
    assert signed_label.decode(text.lower()) == label


def test_a_genuine_label_checks_genuine() -> None:
    assert signed_label.check(make(), [KEY]) is LabelCheck.GENUINE


@pytest.mark.parametrize(
    "change",
    [
        {"token": token_scheme.from_payload("7K3MQ2XD9TPAW4HP")},
        {"order_id": parse_order_id("1-2603-2-000002")},
        {"fulfillment_id": "F-000002-2"},
        {"number": 1},
        {"count": 4},
        {"issued_at": ISSUED + timedelta(seconds=1)},
    ],
    ids=lambda change: next(iter(change)),
)
def test_changing_any_fact_breaks_the_signature(change: dict[str, object]) -> None:
    forged = replace(make(), **change)  # type: ignore[arg-type]

    assert signed_label.check(forged, [KEY]) is LabelCheck.BAD_SIGNATURE


def test_a_label_signed_by_another_key_under_a_known_id_is_not_genuine() -> None:
    assert signed_label.check(make(OTHER), [KEY]) is LabelCheck.BAD_SIGNATURE


def test_a_key_id_the_desk_does_not_hold_is_unknown() -> None:
    assert signed_label.check(make(key_id="k9"), [KEY]) is LabelCheck.UNKNOWN_KEY
    assert signed_label.check(make(), []) is LabelCheck.UNKNOWN_KEY


def test_a_label_issued_outside_its_keys_validity_is_refused() -> None:
    late = make(issued_at=datetime(2026, 10, 2, tzinfo=UTC))
    early = make(issued_at=datetime(2025, 12, 31, tzinfo=UTC))

    assert signed_label.check(late, [KEY]) is LabelCheck.KEY_NOT_VALID
    assert signed_label.check(early, [KEY]) is LabelCheck.KEY_NOT_VALID


def test_rotation_a_second_key_verifies_its_own_labels_beside_the_first() -> None:
    second = LabelKey(
        "k2", signed_label.public_key_bytes(OTHER), datetime(2026, 9, 1, tzinfo=UTC)
    )
    new = make(OTHER, key_id="k2", issued_at=datetime(2026, 12, 1, tzinfo=UTC))

    assert signed_label.check(make(), [KEY, second]) is LabelCheck.GENUINE
    assert signed_label.check(new, [KEY, second]) is LabelCheck.GENUINE


def test_the_label_names_its_facility_by_the_order_ids_tenant_and_partner() -> None:
    assert make(order_id=parse_order_id("3-2603-7-000002")).facility == Facility(3, 7)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("CSL1-", "cut short"),
        ("CSL1-0000", "cut short"),
        ("CSL1-U0", "symbols a label never has"),
        ("XSL1-00", "does not start with"),
    ],
)
def test_malformed_text_says_why(text: str, reason: str) -> None:
    with pytest.raises(LabelFormatError, match=reason) as caught:
        signed_label.decode(text)

    # Its own message id, so that the desk can say it in its language.
    assert caught.value.reason.key.startswith("label.")


def test_a_cut_or_lengthened_label_is_refused() -> None:
    text = signed_label.encode(make())

    for damaged in (text[:-1], text[:-2], text + "0", text + "00"):
        with pytest.raises(LabelFormatError):
            signed_label.decode(damaged)


def test_facts_out_of_range_cannot_be_signed() -> None:
    with pytest.raises(LabelFormatError, match="package 4 of 3"):
        make(number=4)
    with pytest.raises(LabelFormatError, match="check symbol"):
        make(token="7K3MQ2XD9TPAW4HN0")
    with pytest.raises(LabelFormatError, match="fulfillment id"):
        make(fulfillment_id="")


_TOKENS = st.text(alphabet=token_scheme.ALPHABET, min_size=16, max_size=16).map(
    token_scheme.from_payload
)
_ORDER_IDS = st.builds(
    OrderId,
    tenant=st.integers(1, 10**6),
    year=st.integers(0, 99),
    month=st.integers(1, 12),
    partner=st.integers(1, 10**6),
    sequence=st.integers(1, 999_999),
)


@given(
    token=_TOKENS,
    order_id=_ORDER_IDS,
    fulfillment_id=st.text(min_size=1, max_size=16).filter(str.isprintable),
    count=st.integers(1, 999),
    data=st.data(),
    seconds=st.integers(0, 2**32 - 1),
)
def test_every_well_formed_label_round_trips(
    token: str,
    order_id: OrderId,
    fulfillment_id: str,
    count: int,
    data: st.DataObject,
    seconds: int,
) -> None:
    label = make(
        token=token,
        order_id=order_id,
        fulfillment_id=fulfillment_id,
        number=data.draw(st.integers(1, count)),
        count=count,
        issued_at=datetime.fromtimestamp(seconds, UTC),
    )
    text = signed_label.encode(label)

    assert signed_label.decode(text) == label
    scan = parse_scan(text)
    assert isinstance(scan, TokenScan)
    assert (scan.label, scan.token, scan.order_id) == (label, token, order_id)


@given(st.text(max_size=300))
def test_any_text_after_the_prefix_is_a_label_or_a_clear_refusal(body: str) -> None:
    scan = parse_scan("CSL1-" + body)

    if isinstance(scan, Unreadable):
        assert scan.cause is UnreadableCause.BAD_LABEL
        assert scan.message.startswith("This signed label cannot be read: ")
    else:
        # A label, or a typed token that only looked like one.
        assert isinstance(scan, TokenScan)
        assert scan.label is not None or token_scheme.is_valid(scan.token)


@given(st.binary(max_size=200))
def test_any_bytes_in_label_form_decode_or_give_a_reason(data: bytes) -> None:
    text = "CSL1-" + signed_label._to_base32(data)

    try:
        label = signed_label.decode(text)
    except LabelFormatError as error:
        reason = str(error)
    else:
        reason = signed_label.encode(label)
    # A reason for the concierge, or a label that writes back to the same text.
    assert reason
    assert reason == text or not reason.startswith("CSL1-")


def test_a_damaged_label_scan_is_unreadable_with_the_reason() -> None:
    scan = parse_scan(signed_label.encode(make())[:-3])

    assert isinstance(scan, Unreadable)
    assert scan.cause is UnreadableCause.BAD_LABEL
    assert "cut short" in scan.message


def test_caps_lock_and_a_scanner_prefix_do_not_matter() -> None:
    text = signed_label.encode(make())

    scan = parse_scan("\x02]Q1" + text.lower() + "\r", prefix="]Q1")

    assert isinstance(scan, TokenScan)
    assert scan.label == make()


@pytest.mark.parametrize("remap", [AZERTY, QWERTZ], ids=lambda r: r.name)
def test_a_label_typed_through_a_wrong_layout_offers_the_repaired_reading(
    remap: LayoutRemap,
) -> None:
    label = make()
    scan = parse_scan(type_through(signed_label.encode(label), remap))

    assert isinstance(scan, TokenScan)
    readings = (scan, *scan.other_readings)
    repaired = [r for r in readings if r.label == label]
    assert [r.layout for r in repaired] == [remap]


def test_a_typed_token_that_starts_like_a_label_is_still_a_token() -> None:
    typed = token_scheme.from_payload("CS11Q2XD9TPAW4HN")

    scan = parse_scan("CSL1-" + typed[4:])

    assert isinstance(scan, TokenScan)
    assert (scan.token, scan.label) == (typed, None)
