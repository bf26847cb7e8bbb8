"""Is the file on disk a store we can use? And if not, set it aside.

At every start the store file is checked before anything writes to it:
that it is an SQLite file at all, that SQLite finds it sound, and that it is
ours and not from a newer app. A file that fails is never repaired or
overwritten here: the caller is told (`StoreDamaged`) and decides whether to
move it aside.

How sound: `PRAGMA quick_check` over the whole file (every page, every
b-tree, NOT NULL and CHECK constraints), then the full
`PRAGMA integrity_check` on each table that holds what cannot be fetched
again (receipts, audit, verifiers, meta, cursors), which also proves that
their indexes match their rows: the index that allows one live receipt per
package is what keeps a package from being registered twice. The order
cache is left to quick_check alone: the full check cross-reads every index
entry of 200,000 packages (about 1.7 s against 0.25 s at every start, on the
test machine), and a cache index that disagreed with its rows can only make
a lookup miss (`find_package` compares the digest again on the order's
rows), which the desk treats as a package it does not know; the server
still has the final word.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from concierge_app.store.connection import connect
from concierge_app.store.errors import StoreDamaged, StoreError, StoreTooNew
from concierge_app.store.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    application_id,
    schema_version,
)

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
# SQLite's own side files; they travel with the main file when it moves.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Everything the desk cannot fetch again from the server.
PRECIOUS_TABLES = ("receipts", "audit", "verifiers", "meta", "cursors")
# How many problems integrity_check may list in the reason shown to a person.
_PROBLEMS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Recovery:
    """What happened when a damaged store was moved aside for a fresh one."""

    path: Path
    moved_to: Path
    reason: str
    at: datetime

    @property
    def message(self) -> str:
        """The notice for the operator, in plain words."""
        return (
            f"The local store {self.path} could not be used: {self.reason}. It "
            f"was moved to {self.moved_to} and a fresh, empty store was started. "
            "Receipts that were still queued in the old file have not been sent: "
            "keep that file and tell support."
        )


def check(path: Path) -> None:
    """Raise `StoreDamaged` if the file at `path` is not a usable store.

    A missing or empty file passes: it becomes a new store.
    """
    if not path.exists():
        return
    _check_header(path)

    connection = connect(path)
    try:
        _check_pages(path, connection)
        _check_identity(path, connection)
        _check_precious_tables(path, connection)
    finally:
        connection.close()


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as error:
        raise StoreError(
            f"The local store {path} cannot be read: {error.strerror or error}."
        ) from error

    if not header:
        return
    if not header.startswith(SQLITE_HEADER):
        raise StoreDamaged(path, "it is not a database file")
    if len(header) < HEADER_SIZE or _shorter_than_header_says(path, header):
        raise StoreDamaged(path, "the file is cut short (truncated)")


def _shorter_than_header_says(path: Path, header: bytes) -> bool:
    # The header's page count is trustworthy only when its change counter
    # matches "version valid for" (SQLite file format, section 1.3.7); with a
    # write-ahead log beside it the file may lag behind, so leave that case
    # to integrity_check.
    if path.with_name(path.name + "-wal").exists():
        return False
    if header[24:28] != header[92:96]:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return path.stat().st_size < page_size * pages


def _check_pages(path: Path, connection: sqlite3.Connection) -> None:
    _report(path, _run_check(path, connection, "PRAGMA quick_check"))


def _check_precious_tables(path: Path, connection: sqlite3.Connection) -> None:
    if sqlite3.sqlite_version_info < (3, 33, 0):
        # Older SQLite has no per-table check; check everything instead.
        _report(path, _run_check(path, connection, "PRAGMA integrity_check"))
        return

    present = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    for table in PRECIOUS_TABLES:
        if table in present:
            statement = f"PRAGMA integrity_check({table})"
            _report(path, _run_check(path, connection, statement))


def _run_check(path: Path, connection: sqlite3.Connection, statement: str) -> list[str]:
    try:
        rows = connection.execute(statement).fetchall()
    except sqlite3.DatabaseError as error:
        raise StoreDamaged(path, f"SQLite reports the file damaged ({error})") from None
    return [str(row[0]) for row in rows if row[0] != "ok"]


def _report(path: Path, problems: list[str]) -> None:
    if problems:
        shown = "; ".join(problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        if more > 0:
            shown += f"; and {more} more"
        raise StoreDamaged(path, f"SQLite reports the file damaged ({shown})")


def _check_identity(path: Path, connection: sqlite3.Connection) -> None:
    app_id = application_id(connection)
    version = schema_version(connection)
    (objects,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()

    if app_id == 0 and version == 0 and objects == 0:
        return
    if app_id != APPLICATION_ID or version == 0:
        raise StoreDamaged(
            path, "it is a database of some other program, not a concierge-app store"
        )
    if version > LATEST_VERSION:
        raise StoreTooNew(path, version, LATEST_VERSION)


def move_aside(path: Path, at: datetime) -> Path:
    """Rename the file (and its side files) to `<name>.damaged-<UTC time>`."""
    stamp = at.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    serial = 1
    while target.exists():
        serial += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{serial}")

    try:
        # Side files first: a write-ahead log left behind under the old name
        # would be replayed into the fresh store. They keep SQLite's naming,
        # so opening the moved copy still finds its last writes.
        for suffix in SIDE_SUFFIXES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        path.rename(target)
    except OSError as error:
        raise StoreError(
            f"The damaged store {path} could not be moved aside: "
            f"{error.strerror or error}. Nothing was deleted."
        ) from error

    logger.warning("Moved the damaged local store %s to %s", path, target)
    return target
