"""A file that is not a usable store is reported, never silently replaced."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from concierge_app.domain import token
from concierge_app.domain.model import ReceiptState
from concierge_app.store import Store, StoreDamaged, StoreTooNew
from concierge_app.store.migrations import APPLICATION_ID, LATEST_VERSION
from concierge_app.store.paths import store_file
from tests.store.conftest import Clock, make_draft, make_order


def _filled_store(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        store.upsert_orders([make_order(n).order for n in range(1, 300)])
        store.receive(make_draft(token.generate()))
    return store_file(data_dir)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(64 * 1024))


def _garbage_after_header(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:100] + os.urandom(len(data) - 100))


def _tiny(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def _foreign(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.execute("INSERT INTO invoices (total) VALUES (12.5)")
    other.commit()
    other.close()


def _too_new(path: Path) -> None:
    other = sqlite3.connect(path)
    other.execute(f"PRAGMA user_version = {LATEST_VERSION + 4}")
    other.close()


def _unmarked_version(path: Path) -> None:
    other = sqlite3.connect(path)
    other.execute("PRAGMA application_id = 0")
    other.close()


def _table_missing(path: Path) -> None:
    other = sqlite3.connect(path)
    other.execute("DROP TABLE verifiers")
    other.close()


DAMAGE = {
    "truncated": (True, _truncate, "cut short"),
    "cut inside the header": (True, _tiny, "cut short"),
    "garbage": (False, _garbage, "not a database file"),
    "garbage after a header": (True, _garbage_after_header, "damaged"),
    "another program's database": (False, _foreign, "some other program"),
    "our tables without our mark": (True, _unmarked_version, "some other program"),
    "a newer schema": (True, _too_new, "newer concierge-app"),
    "a table missing": (True, _table_missing, "tables are incomplete"),
}


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request: pytest.FixtureRequest, data_dir: Path) -> tuple[Path, str]:
    filled, spoil, words = DAMAGE[request.param]
    path = _filled_store(data_dir) if filled else store_file(data_dir)
    spoil(path)
    return path, words


def test_a_damaged_file_is_reported_with_its_path_and_left_alone(
    damaged: tuple[Path, str], data_dir: Path
) -> None:
    path, words = damaged
    before = path.read_bytes()

    with pytest.raises(StoreDamaged) as raised:
        Store.open(data_dir)

    assert raised.value.path == path
    assert str(path) in str(raised.value)
    assert words in raised.value.reason
    assert raised.value.reason in str(raised.value)
    assert path.read_bytes() == before
    assert not list(data_dir.glob("*.damaged-*"))


def test_recover_moves_the_file_aside_and_starts_fresh(
    damaged: tuple[Path, str], data_dir: Path, clock: Clock
) -> None:
    path, words = damaged
    before = path.read_bytes()

    with Store.open(data_dir, clock=clock, recover=True) as store:
        recovery = store.recovery
        assert recovery is not None
        assert recovery.moved_to == path.with_name(
            "store.sqlite3.damaged-20260314T103000"
        )
        assert recovery.moved_to.read_bytes() == before
        assert words in recovery.reason
        assert str(path) in recovery.message
        assert str(recovery.moved_to) in recovery.message
        assert store.package_count() == 0
        assert store.counts()[ReceiptState.QUEUED] == 0
        entry = store.audit_entries()[-1]
        assert (entry.action, entry.subject) == (
            "store_recovered",
            str(recovery.moved_to),
        )

    with Store.open(data_dir) as again:
        assert again.recovery is None


def test_a_newer_schema_is_its_own_kind_of_damage(data_dir: Path) -> None:
    _too_new(_filled_store(data_dir))

    with pytest.raises(StoreTooNew) as raised:
        Store.open(data_dir)

    assert raised.value.found == LATEST_VERSION + 4
    assert raised.value.known == LATEST_VERSION


def test_a_second_recovery_in_the_same_second_keeps_both_files(
    data_dir: Path, clock: Clock
) -> None:
    path = store_file(data_dir)
    for _ in range(2):
        _garbage(path)
        Store.open(data_dir, clock=clock, recover=True).close()

    moved = sorted(p.name for p in data_dir.glob("*.damaged-*"))
    assert moved == [
        "store.sqlite3.damaged-20260314T103000",
        "store.sqlite3.damaged-20260314T103000-2",
    ]


def test_the_write_ahead_log_moves_with_the_file(data_dir: Path, clock: Clock) -> None:
    path = _filled_store(data_dir)
    # A log left beside a fresh store would be replayed into it.
    wal = path.with_name("store.sqlite3-wal")
    wal.write_bytes(b"not really a log")
    _garbage(path)

    with Store.open(data_dir, clock=clock, recover=True) as store:
        assert store.recovery is not None
        moved_wal = store.recovery.moved_to.with_name(
            store.recovery.moved_to.name + "-wal"
        )
        assert moved_wal.read_bytes() == b"not really a log"


def test_an_empty_file_becomes_a_new_store(data_dir: Path) -> None:
    data_dir.mkdir()
    store_file(data_dir).write_bytes(b"")

    with Store.open(data_dir) as store:
        assert store.recovery is None
        assert store.package_count() == 0


def test_the_file_carries_our_mark(store: Store) -> None:
    other = sqlite3.connect(store.path)
    try:
        (app_id,) = other.execute("PRAGMA application_id").fetchone()
        (version,) = other.execute("PRAGMA user_version").fetchone()
        (mode,) = other.execute("PRAGMA journal_mode").fetchone()
    finally:
        other.close()
    assert (app_id, version, mode) == (APPLICATION_ID, LATEST_VERSION, "wal")


def test_the_connection_runs_with_full_sync_and_foreign_keys(store: Store) -> None:
    connection = store._connection
    assert connection.execute("PRAGMA synchronous").fetchone() == (2,)
    assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def _spoil_index_entry(path: Path, index: str, needle: bytes) -> None:
    # Change one character of a key inside the index's root page only: the
    # b-tree stays well formed, but the index no longer matches its table.
    connection = sqlite3.connect(path)
    try:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
        ).fetchone()
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    at = data.index(needle, start, start + page_size)
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    path.write_bytes(bytes(data))


def test_an_outbox_index_that_disagrees_with_its_rows_is_damage(
    data_dir: Path,
) -> None:
    with Store.open(data_dir) as store:
        receipt = store.receive(make_draft(token.generate()))
    path = store_file(data_dir)
    _spoil_index_entry(path, "receipts_live_by_digest", receipt.token_sha256.encode())
    quick = sqlite3.connect(path)
    try:
        # The page-level check alone would not have seen it.
        assert quick.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        quick.close()

    with pytest.raises(StoreDamaged, match="receipts_live_by_digest"):
        Store.open(data_dir)
