"""The SQLite connection as the store uses it, and its one way to write.

Every write goes through `transaction`: `BEGIN IMMEDIATE` takes the write
lock at once, and the block either commits whole or leaves nothing behind.
SQLite's errors become the store's own (`StoreFull`, `StoreWriteError`), so
no caller ever has to read SQLite's error codes to know whether a receipt
was kept.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from concierge_app.store.errors import StoreFull, StoreWriteError

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024

# SQLite's primary result codes that mean "no room" (SQLITE_FULL) or a
# broken disk (SQLITE_IOERR); extended codes keep the primary in the low byte.
_SQLITE_FULL = 13
_SQLITE_IOERR = 10


def connect(path: Path) -> sqlite3.Connection:
    """A connection with no implicit transactions; `configure` is separate."""
    # isolation_level=None: the store issues BEGIN and COMMIT itself, so
    # Python never opens a transaction behind its back.
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)


def configure(connection: sqlite3.Connection) -> None:
    """WAL, a full sync on every commit, a busy timeout, foreign keys, a page cache."""
    # journal_mode is kept in the file; the others belong to this connection.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    # A page cache that holds the digest index of a large cache: a full pull
    # inserts digests in random order, and SQLite's 2 MiB default thrashes.
    connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, else rolled back."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield connection
        connection.execute("COMMIT")
    except BaseException as error:
        # SQLite rolls back by itself after some errors (a full disk among
        # them); a second rollback would fail and hide the first error.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise translate(error) from error
        raise


def translate(error: sqlite3.Error) -> StoreWriteError:
    """The store's exception for an SQLite error raised by a write."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_FULL:
        logger.error("The local store is full: %s", error)
        return StoreFull(
            "The disk is full: the local store could not keep this change, and "
            "nothing of it was saved. Free some disk space on this workstation."
        )
    if code == _SQLITE_IOERR:
        logger.error("The local store could not write to the disk: %s", error)
        return StoreWriteError(
            f"The disk refused the write ({error}); nothing of it was saved."
        )
    logger.error("A write to the local store failed: %s", error)
    return StoreWriteError(
        f"The local store could not save this change ({error}); nothing of it "
        "was saved."
    )
