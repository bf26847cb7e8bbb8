"""The audit log: append-only, chained, and an edit names its entry."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from concierge_app.domain import token
from concierge_app.store import Store, StoreWriteError
from concierge_app.store.audit import GENESIS_HASH, canonical, chain_hash
from tests.store.conftest import Clock, make_draft

COLUMNS = ("at", "actor", "action", "subject", "details", "prev_hash", "hash")


def _fill(store: Store, clock: Clock, entries: int = 6) -> None:
    for number in range(entries):
        clock.advance(seconds=1)
        store.audit("anna", "login", "anna", {"number": number, "how": "online"})


def _raw(store: Store) -> sqlite3.Connection:
    # A second connection to the file, as someone editing it outside the app.
    connection = sqlite3.connect(store.path, isolation_level=None)
    connection.execute("DROP TRIGGER audit_no_update")
    connection.execute("DROP TRIGGER audit_no_delete")
    return connection


def test_entries_chain_from_the_genesis_hash(store: Store, clock: Clock) -> None:
    _fill(store, clock, 3)

    entries = store.audit_entries()

    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
    first = entries[0]
    content = canonical(1, first.at, "anna", "login", "anna", first.details)
    assert first.hash == chain_hash(GENESIS_HASH, content)
    assert first.at == "2026-03-14T10:30:01.000000+00:00"


def test_a_sound_chain_verifies(store: Store, clock: Clock) -> None:
    _fill(store, clock)
    store.receive(make_draft(token.generate()))

    check = store.verify_audit()

    assert (check.ok, check.entries, check.first_bad_seq) == (True, 7, None)


def test_an_empty_log_verifies(store: Store) -> None:
    assert store.verify_audit().ok


def test_sqlite_refuses_to_update_or_delete_an_entry(
    store: Store, clock: Clock
) -> None:
    _fill(store, clock, 2)
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            other.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 1")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            other.execute("DELETE FROM audit WHERE seq = 2")
    finally:
        other.close()
    assert store.verify_audit().ok


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("seq", [1, 4, 6])
def test_editing_any_column_of_any_entry_is_caught_at_that_entry(
    store: Store, clock: Clock, column: str, seq: int
) -> None:
    _fill(store, clock)
    other = _raw(store)
    try:
        value = '{"number": 99}' if column == "details" else "f" * 64
        statement = f"UPDATE audit SET {column} = ? WHERE seq = ?"  # noqa: S608
        other.execute(statement, (value, seq))
    finally:
        other.close()

    check = store.verify_audit()

    assert not check.ok
    assert check.first_bad_seq == seq
    assert str(seq) in check.problem
    assert check.entries == seq - 1


def test_an_edit_with_a_recomputed_hash_is_caught_at_the_next_entry(
    store: Store, clock: Clock
) -> None:
    _fill(store, clock)
    third = store.audit_entries()[2]
    forged = canonical(
        3, third.at, "mallory", third.action, third.subject, third.details
    )
    other = _raw(store)
    try:
        other.execute(
            "UPDATE audit SET actor = 'mallory', hash = ? WHERE seq = 3",
            (chain_hash(third.prev_hash, forged),),
        )
    finally:
        other.close()

    check = store.verify_audit()

    assert (check.ok, check.first_bad_seq) == (False, 4)


def test_a_deleted_entry_is_caught(store: Store, clock: Clock) -> None:
    _fill(store, clock)
    other = _raw(store)
    try:
        other.execute("DELETE FROM audit WHERE seq = 2")
    finally:
        other.close()

    check = store.verify_audit()

    assert (check.ok, check.first_bad_seq) == (False, 2)
    assert "missing" in check.problem


def test_details_that_are_not_json_are_refused_and_nothing_is_written(
    store: Store,
) -> None:
    with pytest.raises(TypeError):
        store.audit("anna", "login", "anna", {"when": object()})

    assert store.audit_entries() == []


def test_an_audit_entry_survives_a_restart(
    store: Store, clock: Clock, data_dir: Path
) -> None:
    store.audit("sup", "override", "r-1", {"note": "Manna papers follow"})
    store.close()

    with Store.open(data_dir) as again:
        (entry,) = again.audit_entries()
        assert (entry.actor, entry.action, entry.details) == (
            "sup",
            "override",
            {"note": "Manna papers follow"},
        )
        assert again.verify_audit().ok


def test_a_failed_audit_write_is_a_store_write_error(store: Store) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        store._connection.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(StoreWriteError, match="nothing of it"):
            store.audit("anna", "login", "anna", {})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.audit_entries() == []
