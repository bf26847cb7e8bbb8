"""The store's schema, as the steps that build it from an empty file.

The schema version is `PRAGMA user_version`; `PRAGMA application_id` marks
the file as ours, so a stranger's database is never mistaken for an old
store. Each step runs in one transaction together with its version bump, so
a crash in the middle of a migration leaves the file at the version before.
A step is never edited once released: a change is a new step.

- v1: meta, the order cache, the receipt outbox, the audit log, cursors.
- v2: resolution of "needs attention" receipts, and the index the outbox
  queue is read by (state, then age).
- v3: offline login verifiers.
- v4: the facility's name beside each verifier.
- v5: the platform's public keys for signed labels.
- v6: the supervisor's note of an override, and the index the "expected"
  list pages packages not yet received by.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from concierge_app.store.connection import transaction

logger = logging.getLogger(__name__)

# "CAPP" in ASCII: what `file(1)` and our own checks recognise the store by.
APPLICATION_ID = 0x43415050

_V1 = (
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE cursors (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        tenant INTEGER NOT NULL,
        partner INTEGER NOT NULL,
        recipient TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    # A capture belongs to exactly one fulfillment, so its columns live in
    # the fulfillment's row: one row fewer to read on every scan.
    """
    CREATE TABLE fulfillments (
        fulfillment_id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
        capture_status TEXT NOT NULL CHECK (capture_status IN
            ('pending', 'captured', 'failed', 'voided', 'refunded')),
        captured_at TEXT,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        manna_issued INTEGER NOT NULL CHECK (manna_issued IN (0, 1))
    )
    """,
    "CREATE INDEX fulfillments_by_order ON fulfillments (order_id, position)",
    # Only the token's digest: the store never holds a security token. No
    # foreign key: the cache writes an order's rows together in one
    # transaction (cache.upsert_orders), and checking each package's parent
    # doubled the time of a full pull.
    """
    CREATE TABLE packages (
        package_id TEXT PRIMARY KEY,
        fulfillment_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        number INTEGER NOT NULL,
        count INTEGER NOT NULL,
        token_sha256 TEXT NOT NULL,
        received_at TEXT,
        received_by TEXT,
        received_workstation_id TEXT,
        received_condition TEXT CHECK (received_condition IN ('intact', 'damaged'))
    )
    """,
    "CREATE INDEX packages_by_digest ON packages (token_sha256)",
    "CREATE INDEX packages_by_order ON packages (order_id)",
    # The outbox. No foreign key to the cache: a provisional receipt names a
    # package the cache has never seen, and the cache may be rebuilt.
    """
    CREATE TABLE receipts (
        receipt_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version >= 1),
        token_sha256 TEXT NOT NULL CHECK (length(token_sha256) = 64),
        proof TEXT NOT NULL CHECK (length(proof) = 64),
        package_id TEXT,
        order_id TEXT,
        state TEXT NOT NULL CHECK (state IN
            ('queued', 'sent', 'registered', 'already_received', 'refused')),
        provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        problem_type TEXT,
        sent_version INTEGER,
        confirmed_version INTEGER,
        received_at TEXT NOT NULL,
        received_by TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        condition TEXT NOT NULL CHECK (condition IN ('intact', 'damaged')),
        note TEXT NOT NULL DEFAULT '',
        override_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        winner_received_at TEXT,
        winner_received_by TEXT,
        winner_workstation_id TEXT
    )
    """,
    # At most one live (not refused) receipt per package: the store itself
    # refuses to register a package twice, whatever the layers above do.
    """
    CREATE UNIQUE INDEX receipts_live_by_digest ON receipts (token_sha256)
        WHERE state <> 'refused'
    """,
    "CREATE INDEX receipts_by_received_at ON receipts (received_at)",
    """
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )
    """,
    """
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END
    """,
    """
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END
    """,
    f"PRAGMA application_id = {APPLICATION_ID}",
)

_V2 = (
    "ALTER TABLE receipts ADD COLUMN resolved_at TEXT",
    "ALTER TABLE receipts ADD COLUMN resolved_by TEXT",
    "ALTER TABLE receipts ADD COLUMN resolution_note TEXT",
    "CREATE INDEX receipts_queue ON receipts (state, created_at)",
)

_V3 = (
    # A slow salted hash of the password with its scrypt parameters, never
    # the password: enough to unlock the desk offline, and nothing more.
    """
    CREATE TABLE verifiers (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        tenant INTEGER NOT NULL,
        partner INTEGER NOT NULL,
        salt BLOB NOT NULL,
        hash BLOB NOT NULL,
        scrypt_n INTEGER NOT NULL,
        scrypt_r INTEGER NOT NULL,
        scrypt_p INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
    )
    """,
)

_V4 = (
    # The facility's name, so an offline unlock can greet the desk by it.
    "ALTER TABLE verifiers ADD COLUMN facility_name TEXT NOT NULL DEFAULT ''",
)

_V5 = (
    # Public keys only: what verifies a signed label offline. The pull
    # replaces the whole set, so a key the platform withdraws is gone here too.
    """
    CREATE TABLE label_keys (
        key_id TEXT PRIMARY KEY,
        algorithm TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
        public_key BLOB NOT NULL CHECK (length(public_key) = 32),
        not_before TEXT NOT NULL,
        not_after TEXT,
        fetched_at TEXT NOT NULL
    )
    """,
)

_V6 = (
    # Kept apart from the receipt's note, which a damage amendment rewrites:
    # why a supervisor let a package in must outlive later notes.
    "ALTER TABLE receipts ADD COLUMN override_note TEXT",
    # Partial: only packages not yet received are paged, in order-id order.
    """
    CREATE INDEX packages_expected ON packages (order_id, fulfillment_id, position)
        WHERE received_at IS NULL
    """,
)

MIGRATIONS: Sequence[Sequence[str]] = (_V1, _V2, _V3, _V4, _V5, _V6)
LATEST_VERSION = len(MIGRATIONS)

# What a store at the latest version must hold; checked after migrating.
TABLES = frozenset(
    [
        "meta",
        "cursors",
        "orders",
        "fulfillments",
        "packages",
        "receipts",
        "audit",
        "verifiers",
        "label_keys",
    ]
)


def schema_version(connection: sqlite3.Connection) -> int:
    """The file's schema version (0 for a new, empty file)."""
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def application_id(connection: sqlite3.Connection) -> int:
    """The application id in the file's header (0 if none was set)."""
    row = connection.execute("PRAGMA application_id").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the file up to `target`, one step per transaction; return its version."""
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target}; the latest is {LATEST_VERSION}")

    current = schema_version(connection)
    for version in range(current + 1, target + 1):
        with transaction(connection):
            for statement in MIGRATIONS[version - 1]:
                connection.execute(statement)
            # Inside the transaction, so the version moves only with its step.
            connection.execute(f"PRAGMA user_version = {version}")
        logger.info("Local store migrated to schema version %d", version)
    return schema_version(connection)
