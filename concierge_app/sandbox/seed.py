"""The sandbox's demo data, the same for a given seed down to every token.

Facility partner 1 (The Plein Hotel, tenant 1 Milano) receives; partner 2
(Lounge Brera) is the other facility whose packages partner 1 must refuse.
The first orders are the scenarios a desk must handle, at fixed ids (see
`SCENARIOS`); a few hundred ordinary orders follow, then any bulk packages
asked for. Rows come out as tuples ready for `executemany`, so seeding
hundreds of thousands of packages takes seconds.
"""

from __future__ import annotations

import functools
import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import CaptureStatus, Facility, FulfillmentStatus
from concierge_app.domain.order_id import OrderId
from concierge_app.sandbox import wire

TENANT = 1
HOTEL = Facility(tenant=TENANT, partner=1)
LOUNGE = Facility(tenant=TENANT, partner=2)
FACILITY_NAMES = {HOTEL: "The Plein Hotel", LOUNGE: "Lounge Brera"}

ANCHOR_US = wire.to_us(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
ORDER_STEP_US = 10 * 1_000_000
ORDINARY_ORDERS = {HOTEL: 300, LOUNGE: 30}
BULK_PACKAGES_PER_ORDER = 2
SEED_WORKSTATION = "DESK-SEED-1"


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A seeded login; the password is the username (documented demo data)."""

    username: str
    display_name: str
    role: str
    facility: Facility


USERS = (
    DemoUser("concierge", "Giulia Conti", "concierge", HOTEL),
    DemoUser("supervisor", "Marco Bassi", "supervisor", HOTEL),
    DemoUser("other", "Lena Ferri", "concierge", LOUNGE),
)

# Scenario name -> sequence number of its order. Each is described in
# docs/sandbox.md; the tokens come from the admin API with their verdicts.
SCENARIOS = {
    "accepted_single": 1,
    "accepted_multi": 2,
    "two_fulfillments": 3,
    "capture_failed": 4,
    "capture_voided": 5,
    "capture_refunded": 6,
    "fulfillment_cancelled": 7,
    "released_early": 8,
    "already_received": 9,
    "other_facility_single": 10,
    "other_facility_multi": 11,
}

# (facility, [(fulfillment status, capture status, manna issued, packages)])
_Shipment = tuple[FulfillmentStatus, CaptureStatus, bool, int]
_CAPTURED = (FulfillmentStatus.ACTIVE, CaptureStatus.CAPTURED, True)
_SCENARIO_SHAPES: dict[str, tuple[Facility, list[_Shipment]]] = {
    "accepted_single": (HOTEL, [(*_CAPTURED, 1)]),
    "accepted_multi": (HOTEL, [(*_CAPTURED, 3)]),
    "two_fulfillments": (
        HOTEL,
        [
            (*_CAPTURED, 2),
            (FulfillmentStatus.ACTIVE, CaptureStatus.PENDING, False, 1),
        ],
    ),
    "capture_failed": (
        HOTEL,
        [(FulfillmentStatus.ACTIVE, CaptureStatus.FAILED, False, 1)],
    ),
    "capture_voided": (
        HOTEL,
        [(FulfillmentStatus.ACTIVE, CaptureStatus.VOIDED, False, 1)],
    ),
    "capture_refunded": (
        HOTEL,
        [(FulfillmentStatus.ACTIVE, CaptureStatus.REFUNDED, True, 2)],
    ),
    "fulfillment_cancelled": (
        HOTEL,
        [(FulfillmentStatus.CANCELLED, CaptureStatus.PENDING, False, 1)],
    ),
    "released_early": (
        HOTEL,
        [(FulfillmentStatus.ACTIVE, CaptureStatus.CAPTURED, False, 1)],
    ),
    "already_received": (HOTEL, [(*_CAPTURED, 2)]),
    "other_facility_single": (LOUNGE, [(*_CAPTURED, 1)]),
    "other_facility_multi": (LOUNGE, [(*_CAPTURED, 2)]),
}

_RECIPIENTS = (
    "Ms Rossi",
    "Mr Bianchi",
    "Mrs Ferrari",
    "Mr Esposito",
    "Ms Romano",
    "Mr Colombo",
    "Dr Ricci",
    "Ms Marino",
    "Mr Greco",
    "Mrs Bruno",
    "Mr Tanaka",
    "Ms Dubois",
    "Mr Al-Sayed",
    "Mrs Schmidt",
)


@dataclass(slots=True)
class SeedRows:
    """Every table's rows, in the column order of `state.SCHEMA`."""

    facilities: list[tuple[object, ...]] = field(default_factory=list)
    users: list[tuple[object, ...]] = field(default_factory=list)
    orders: list[tuple[object, ...]] = field(default_factory=list)
    fulfillments: list[tuple[object, ...]] = field(default_factory=list)
    packages: list[tuple[object, ...]] = field(default_factory=list)
    receipts: list[tuple[object, ...]] = field(default_factory=list)
    next_sequence: int = 1


def scenario_order_id(name: str) -> str:
    """The order id of a named scenario (see `SCENARIOS`)."""
    sequence = SCENARIOS[name]
    facility = _SCENARIO_SHAPES[name][0]
    return order_id(facility, sequence, _order_time(sequence))


def order_id(facility: Facility, sequence: int, created_us: int) -> str:
    """The order id of an order created at that time."""
    created = datetime.fromtimestamp(created_us / 1_000_000, UTC)
    return str(
        OrderId(
            tenant=facility.tenant,
            year=created.year % 100,
            month=created.month,
            partner=facility.partner,
            sequence=sequence,
        )
    )


def fulfillment_id(sequence: int, position: int) -> str:
    """The id of the position-th fulfillment of an order."""
    return f"F-{sequence:06d}-{position}"


def package_id(sequence: int, position: int, number: int) -> str:
    """The id of package `number` of a fulfillment."""
    return f"P-{sequence:06d}-{position}-{number}"


def make_token(rng: random.Random) -> str:
    """A token whose 16 payload symbols come from `rng` (80 random bits)."""
    bits = rng.getrandbits(5 * token_scheme.PAYLOAD_LENGTH)
    alphabet = token_scheme.ALPHABET
    payload = "".join(
        alphabet[(bits >> (5 * i)) & 31] for i in range(token_scheme.PAYLOAD_LENGTH)
    )
    return token_scheme.from_payload(payload)


def password_hash(password: str, salt: bytes) -> bytes:
    """The stored verifier of a password: scrypt, never the password itself."""
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32
    )


DEFAULT_SEED_VERIFIERS = {
    (name, bytes.fromhex(salt)): bytes.fromhex(verifier)
    for name, salt, verifier in (
        (
            "concierge",
            "8476a19f458a6535dcafee2928471441",
            "c8a0c89772cb14a7bfac0239f4d19eeb9fa60be17a31aac504f7571aa73a3495",
        ),
        (
            "supervisor",
            "26f52247060f9e19889cfb60bd30e94b",
            "5abe08553a195be65d7ce9bf23c818ca05ebaa3809aaef5d5bff8623bd531bd7",
        ),
        (
            "other",
            "0a0cb5e989e2971c2ef9832fbd5d917c",
            "e29b5a49bc8f6875a9ce9248adebc77af33b0611593ede421b5001668a980e42",
        ),
    )
}
"""The demo users' verifiers for the default seed, by password and salt.

The seed's data is the same on every start, these included: three scrypt
hashes are about 150 ms of `concierge-app --demo`'s start, so the default
seed's are written here (a test recomputes them); other seeds hash."""


@functools.lru_cache(maxsize=16)
def _demo_hash(password: str, salt: bytes) -> bytes:
    # The demo users' verifiers are the same for a seed; computing them once
    # per process keeps a fresh sandbox per test cheap.
    known = DEFAULT_SEED_VERIFIERS.get((password, salt))
    return known if known is not None else password_hash(password, salt)


def build(seed: int, bulk_packages: int = 0) -> SeedRows:
    """All demo rows for `seed`, plus `bulk_packages` ordinary packages."""
    rng = random.Random(f"sandbox:{seed}")
    rows = SeedRows()
    tokens: set[str] = set()

    for facility, name in FACILITY_NAMES.items():
        rows.facilities.append((facility.tenant, facility.partner, name))
    for user in USERS:
        salt = rng.randbytes(16)
        rows.users.append(
            (
                user.username,
                user.display_name,
                user.role,
                user.facility.tenant,
                user.facility.partner,
                salt,
                _demo_hash(user.username, salt),
            )
        )

    for name, (facility, shipments) in _SCENARIO_SHAPES.items():
        _add_order(rows, rng, tokens, facility, SCENARIOS[name], shipments)
    _receive_seeded(rows)

    rows.next_sequence = max(SCENARIOS.values()) + 1
    ordinary = [HOTEL] * ORDINARY_ORDERS[HOTEL] + [LOUNGE] * ORDINARY_ORDERS[LOUNGE]
    rng.shuffle(ordinary)
    for facility in ordinary:
        count = rng.choice((1, 1, 1, 2, 2, 3))
        _add_order(
            rows, rng, tokens, facility, rows.next_sequence, [(*_CAPTURED, count)]
        )
        rows.next_sequence += 1

    add_bulk(rows, seed, bulk_packages, tokens)
    return rows


def add_bulk(rows: SeedRows, seed: int, packages: int, tokens: set[str]) -> None:
    """Ordinary captured orders of two packages each, at partner 1.

    They come from their own generator, so the demo's tokens do not change
    with the bulk count; the loop is flat because benchmarks seed hundreds
    of thousands of packages.
    """
    rng = random.Random(f"sandbox:{seed}:bulk")
    yymm_by_day: dict[int, str] = {}
    tenant, partner = HOTEL.tenant, HOTEL.partner
    while packages > 0:
        count = min(packages, BULK_PACKAGES_PER_ORDER)
        sequence = rows.next_sequence
        updated_us = _order_time(sequence)
        day = updated_us // 86_400_000_000
        yymm = yymm_by_day.get(day)
        if yymm is None:
            created = datetime.fromtimestamp(updated_us / 1_000_000, UTC)
            yymm = yymm_by_day[day] = f"{created.year % 100:02d}{created.month:02d}"
        oid = f"{tenant}-{yymm}-{partner}-{sequence:06d}"
        fid = fulfillment_id(sequence, 1)
        rows.orders.append(
            (oid, tenant, partner, _RECIPIENTS[sequence % 14], updated_us, sequence)
        )
        rows.fulfillments.append(
            (
                fid,
                oid,
                1,
                "active",
                "captured",
                updated_us - 3_600_000_000,
                40_000 + 100 * rng.getrandbits(14),
                "EUR",
                1,
            )
        )
        for number in range(1, count + 1):
            token = make_token(rng)
            while token in tokens:
                token = make_token(rng)
            tokens.add(token)
            rows.packages.append(
                (
                    f"P-{sequence:06d}-1-{number}",
                    fid,
                    oid,
                    number,
                    count,
                    token,
                    hashlib.sha256(token.encode("ascii")).hexdigest(),
                    tenant,
                    partner,
                )
            )
        rows.next_sequence += 1
        packages -= count


def _order_time(sequence: int) -> int:
    return ANCHOR_US + sequence * ORDER_STEP_US


def _add_order(
    rows: SeedRows,
    rng: random.Random,
    tokens: set[str],
    facility: Facility,
    sequence: int,
    shipments: list[_Shipment],
) -> None:
    updated_us = _order_time(sequence)
    oid = order_id(facility, sequence, updated_us)
    rows.orders.append(
        (
            oid,
            facility.tenant,
            facility.partner,
            rng.choice(_RECIPIENTS),
            updated_us,
            sequence,
        )
    )
    for position, (status, capture, manna, count) in enumerate(shipments, start=1):
        fid = fulfillment_id(sequence, position)
        captured_us = (
            updated_us - rng.randrange(600, 7200) * 1_000_000
            if capture is not CaptureStatus.PENDING
            else None
        )
        rows.fulfillments.append(
            (
                fid,
                oid,
                position,
                str(status),
                str(capture),
                captured_us,
                rng.randrange(40_000, 3_000_000, 100),
                "EUR",
                int(manna),
            )
        )
        for number in range(1, count + 1):
            token = make_token(rng)
            while token in tokens:
                token = make_token(rng)
            tokens.add(token)
            rows.packages.append(
                (
                    package_id(sequence, position, number),
                    fid,
                    oid,
                    number,
                    count,
                    token,
                    token_scheme.digest(token),
                    facility.tenant,
                    facility.partner,
                )
            )


def _receive_seeded(rows: SeedRows) -> None:
    # Package 1 of the "already received" order was taken in at another desk
    # before the demo starts; package 2 is still expected.
    sequence = SCENARIOS["already_received"]
    pid = package_id(sequence, 1, 1)
    digest = next(row[6] for row in rows.packages if row[0] == pid)
    received_us = _order_time(sequence)
    receipt_id = f"00000000-0000-4000-8000-{sequence:012d}"
    rows.receipts.append(
        (
            receipt_id,
            pid,
            1,
            digest,
            received_us,
            "concierge",
            SEED_WORKSTATION,
            "intact",
            "",
            None,
            wire.fingerprint(
                token_sha256=str(digest),
                received_us=received_us,
                received_by="concierge",
                workstation_id=SEED_WORKSTATION,
                condition="intact",
                note="",
                override_by=None,
            ),
            received_us,
        )
    )
