"""Migrations: a store written by any earlier version opens, data intact."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from concierge_app.domain import token
from concierge_app.domain.model import ReceiptState
from concierge_app.store import Store
from concierge_app.store import audit as audit_log
from concierge_app.store.connection import connect, transaction
from concierge_app.store.migrations import LATEST_VERSION, MIGRATIONS, migrate
from concierge_app.store.paths import store_file
from concierge_app.store.timestamps import to_text
from tests.store.conftest import FACILITY, START, make_order

WORKSTATION = "7d1c0e4e-0a4f-4d5e-9d53-0c4a6f1f2b11"
RECEIPT = "5b0f5a38-3c61-4ad4-8f0f-6c1b2d9e7a10"
PRINTED = token.generate()


def _v1_data(connection: sqlite3.Connection) -> None:
    # Raw rows as version 1 of the app wrote them: its store had no API yet
    # that later columns could leak into.
    shipment = make_order(1, packages=1)
    package = shipment.order.fulfillments[0].packages[0]
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('workstation_id', ?)", (WORKSTATION,)
    )
    connection.execute(
        "INSERT INTO cursors (name, value, updated_at) VALUES ('orders', 'c9', ?)",
        (to_text(START),),
    )
    connection.execute(
        "INSERT INTO orders VALUES ('1-2603-1-000001', ?, ?, 'Ms Rossi', ?)",
        (FACILITY.tenant, FACILITY.partner, to_text(START)),
    )
    connection.execute(
        "INSERT INTO fulfillments VALUES"
        " ('F-000001-1', '1-2603-1-000001', 0, 'active', 'captured', ?, 100, 'EUR', 1)",
        (to_text(START),),
    )
    connection.execute(
        "INSERT INTO packages (package_id, fulfillment_id, order_id, position,"
        " number, count, token_sha256) VALUES (?, 'F-000001-1', '1-2603-1-000001',"
        " 0, 1, 1, ?)",
        (package.package_id, token.digest(PRINTED)),
    )
    connection.execute(
        "INSERT INTO receipts (receipt_id, version, token_sha256, proof, package_id,"
        " order_id, state, provisional, attempts, received_at, received_by,"
        " workstation_id, condition, note, created_at, updated_at) VALUES"
        " (?, 1, ?, ?, ?, '1-2603-1-000001', 'refused', 0, 3, ?, 'anna', ?,"
        " 'damaged', 'old note', ?, ?)",
        (
            RECEIPT,
            token.digest(PRINTED),
            token.receipt_proof(PRINTED, RECEIPT),
            package.package_id,
            to_text(START),
            WORKSTATION,
            to_text(START),
            to_text(START),
        ),
    )
    audit_log.append(connection, START, "anna", "receipt", RECEIPT, {"version": 1})


def _v2_data(connection: sqlite3.Connection) -> None:
    connection.execute(
        "UPDATE receipts SET resolved_by = 'sup', resolved_at = ?,"
        " resolution_note = 'sent back'",
        (to_text(START),),
    )


def _v3_data(connection: sqlite3.Connection) -> None:
    salt = b"s" * 16
    digest = hashlib.scrypt(
        b"pw3", salt=salt, n=2**14, r=8, p=1, dklen=32, maxmem=64 * 1024 * 1024
    )
    connection.execute(
        "INSERT INTO verifiers (username, display_name, role, tenant, partner, salt,"
        " hash, scrypt_n, scrypt_r, scrypt_p, created_at, expires_at)"
        " VALUES ('marco', 'Marco', 'concierge', 1, 1, ?, ?, 16384, 8, 1, ?, ?)",
        (salt, digest, to_text(START), to_text(START + timedelta(days=3650))),
    )


def _v4_data(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE verifiers SET facility_name = 'The Plein Hotel'")


LABEL_KEY = bytes(range(32))


def _v5_data(connection: sqlite3.Connection) -> None:
    connection.execute(
        "INSERT INTO label_keys (key_id, algorithm, public_key, not_before,"
        " not_after, fetched_at) VALUES ('k1', 'Ed25519', ?, ?, NULL, ?)",
        (LABEL_KEY, to_text(START), to_text(START)),
    )


def _v6_data(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE receipts SET override_note = 'papers follow'")


DATA_OF: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1_data,
    2: _v2_data,
    3: _v3_data,
    4: _v4_data,
    5: _v5_data,
    6: _v6_data,
}


def _build(path: Path, version: int) -> None:
    """A file at `version`, with the data each version up to it could hold."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connect(path)
    try:
        for step in range(1, version + 1):
            migrate(connection, target=step)
            with transaction(connection):
                DATA_OF[step](connection)
    finally:
        connection.close()


def test_every_version_has_data_for_its_test() -> None:
    assert sorted(DATA_OF) == list(range(1, LATEST_VERSION + 1))
    assert len(MIGRATIONS) >= 2


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_a_store_from_an_earlier_version_opens_with_its_data(
    data_dir: Path, version: int
) -> None:
    path = store_file(data_dir)
    _build(path, version)

    with Store.open(data_dir) as store:
        assert store.workstation_id == WORKSTATION
        assert store.get_cursor("orders") == "c9"
        found = store.find_package(token.digest(PRINTED))
        assert found is not None
        assert found[0].recipient == "Ms Rossi"
        receipt = store.receipt(RECEIPT)
        assert receipt is not None
        assert (receipt.state, receipt.attempts, receipt.note) == (
            ReceiptState.REFUSED,
            3,
            "old note",
        )
        assert receipt.resolved_by == ("sup" if version >= 2 else None)
        assert receipt.override_note == ("papers follow" if version >= 6 else None)
        assert [r.receipt_id for r in store.needs_attention()] == (
            [] if version >= 2 else [RECEIPT]
        )
        check = store.verify_audit()
        assert (check.ok, check.entries) == (True, 1)
        if version >= 3:
            unlocked = store.check_offline_login("marco", "pw3")
            assert unlocked.ok
            assert unlocked.facility_name == ("The Plein Hotel" if version >= 4 else "")
        keys = store.label_keys()
        assert [(k.key_id, k.public_key) for k in keys] == (
            [("k1", LABEL_KEY)] if version >= 5 else []
        )
        # The tables added after `version` are there and usable.
        store.save_verifier(
            "anna",
            "pw",
            display_name="Anna",
            role="concierge",
            facility=FACILITY,
            ttl=timedelta(days=1),
        )

    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
    finally:
        connection.close()


def test_a_migrated_store_has_the_same_schema_as_a_new_one(
    tmp_path: Path, data_dir: Path
) -> None:
    _build(store_file(data_dir), 1)
    Store.open(data_dir).close()
    Store.open(tmp_path / "fresh").close()

    assert _schema(store_file(data_dir)) == _schema(store_file(tmp_path / "fresh"))


def test_reopening_a_current_store_changes_nothing(store: Store) -> None:
    data_dir = store.path.parent
    workstation = store.workstation_id
    store.close()

    with Store.open(data_dir) as again:
        assert again.workstation_id == workstation
        assert again.audit_entries() == []


def test_migrate_refuses_a_version_that_does_not_exist(tmp_path: Path) -> None:
    connection = connect(tmp_path / "x.sqlite3")
    try:
        with pytest.raises(ValueError, match="no schema version"):
            migrate(connection, target=LATEST_VERSION + 1)
    finally:
        connection.close()


def _schema(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
