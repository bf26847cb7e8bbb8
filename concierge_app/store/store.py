"""`Store`: the one object the layers above use to reach the local store.

Opening it takes the data folder's lock, checks the file, migrates the
schema and reads the workstation id; from then on every method is a short
indexed read or one committed transaction. The work itself lives in the
modules beside this one (cache, receipts, audit, verifiers).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from types import TracebackType

from concierge_app.domain.model import (
    Condition,
    Facility,
    Fulfillment,
    Order,
    Package,
    ReceiptState,
)
from concierge_app.domain.signed_label import LabelKey
from concierge_app.store import audit, cache, health, migrations, reports
from concierge_app.store import label_keys as key_cache
from concierge_app.store.audit import AuditCheck, AuditEntry
from concierge_app.store.connection import (
    BUSY_TIMEOUT_MS,
    configure,
    connect,
    transaction,
)
from concierge_app.store.errors import StoreDamaged, StoreError
from concierge_app.store.health import Recovery
from concierge_app.store.lists import ListQueries
from concierge_app.store.lock import FolderLock
from concierge_app.store.migrations import TABLES, migrate
from concierge_app.store.paths import store_file
from concierge_app.store.receipts import SYSTEM_ACTOR, Outbox
from concierge_app.store.records import ReceiptDraft, ReceiptOutcome, StoredReceipt
from concierge_app.store.reports import DayReport, HandoverReceipt
from concierge_app.store.timestamps import to_text, utc_now
from concierge_app.store.verifiers import (
    OfflineLoginResult,
    PreparedVerifier,
    UnlockAnswer,
    UnlockSalt,
    Verifiers,
)

logger = logging.getLogger(__name__)


class Store:
    """One workstation's local store, open and locked for this process."""

    def __init__(
        self,
        *,
        path: Path,
        connection: sqlite3.Connection,
        lock: FolderLock | None,
        clock: Callable[[], datetime],
        workstation_id: str,
        recovery: Recovery | None,
    ) -> None:
        # Use `Store.open`; this only wires the parts together.
        self.path = path
        self.workstation_id = workstation_id
        self.recovery = recovery
        self._connection = connection
        self._lock = lock
        self._clock = clock
        self._outbox = Outbox(connection, clock, workstation_id)
        self._verifiers = Verifiers(connection, clock)
        self.lists = ListQueries(connection)
        """The windowed queries behind the desk's lists (Today, Expected, ...)."""

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = utc_now,
        recover: bool = False,
    ) -> Store:
        """Lock the folder, check the file, migrate it, and return the store.

        A damaged file raises `StoreDamaged` and is left as it was, unless
        `recover` is true: then it is moved aside, a fresh store is started,
        and `Store.recovery` says in plain words what happened.
        """
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"The data folder {data_dir} cannot be created: "
                f"{error.strerror or error}."
            ) from error

        lock = FolderLock.acquire(data_dir)
        try:
            return cls._open_locked(data_dir, lock, clock, recover)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_readonly(
        cls, data_dir: Path, *, clock: Callable[[], datetime] = utc_now
    ) -> Store:
        """Open for reading only, without the writer's lock: for `queue` and support.

        It works while the desk has the store open, migrates nothing and
        writes nothing; a store from another schema version is refused.
        """
        path = store_file(data_dir)
        if not path.exists():
            raise StoreError(f"There is no local store in {data_dir} yet.")
        health.check(path)
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = migrations.schema_version(connection)
            if version != migrations.LATEST_VERSION:
                connection.close()
                raise StoreDamaged(
                    path,
                    f"it has store schema {version} and this version reads "
                    f"{migrations.LATEST_VERSION}; open it with the desk first",
                )
            workstation_id = _workstation_id(connection)
        except sqlite3.Error as error:
            raise StoreDamaged(path, f"it cannot be read ({error})") from error
        return cls(
            path=path,
            connection=connection,
            lock=None,
            clock=clock,
            workstation_id=workstation_id,
            recovery=None,
        )

    @classmethod
    def _open_locked(
        cls,
        data_dir: Path,
        lock: FolderLock,
        clock: Callable[[], datetime],
        recover: bool,
    ) -> Store:
        path = store_file(data_dir)
        try:
            return cls._open_checked(path, lock, clock, None)
        except StoreDamaged as damaged:
            if not recover:
                logger.warning("%s", damaged)
                raise
            now = clock()
            moved_to = health.move_aside(path, now)
            recovery = Recovery(path, moved_to, damaged.reason, now)
        return cls._open_checked(path, lock, clock, recovery)

    @classmethod
    def _open_checked(
        cls,
        path: Path,
        lock: FolderLock,
        clock: Callable[[], datetime],
        recovery: Recovery | None,
    ) -> Store:
        if not path.exists():
            _create(path)
        health.check(path)
        connection = connect(path)
        try:
            configure(connection)
            migrate(connection)
            _check_tables(path, connection)
            workstation_id = _workstation_id(connection)
            if recovery is not None:
                with transaction(connection):
                    audit.append(
                        connection,
                        recovery.at,
                        SYSTEM_ACTOR,
                        "store_recovered",
                        str(recovery.moved_to),
                        {"reason": recovery.reason, "path": str(path)},
                    )
        except BaseException:
            connection.close()
            raise

        logger.info("Opened the local store %s (workstation %s)", path, workstation_id)
        return cls(
            path=path,
            connection=connection,
            lock=lock,
            clock=clock,
            workstation_id=workstation_id,
            recovery=recovery,
        )

    def close(self) -> None:
        """Close the file and release the folder; safe to call twice."""
        self._connection.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, workstation_id={self.workstation_id!r})"

    # The cache of orders

    def upsert_orders(self, orders: Sequence[Order]) -> int:
        """Store these orders whole in one transaction; return how many changed.

        An order older than the cached copy is skipped.
        """
        return cache.upsert_orders(self._connection, orders)

    def find_package(
        self, token_digest: str
    ) -> tuple[Order, Fulfillment, Package] | None:
        """The cached order, fulfillment and package with this token digest."""
        order_id = cache.order_id_for_digest(self._connection, token_digest)
        if order_id is None:
            return None
        order = self.get_order(order_id)
        found = None if order is None else order.find_package(token_digest)
        if order is None or found is None:
            return None
        return order, found[0], found[1]

    def get_order(self, order_id: str) -> Order | None:
        """A cached order, with this desk's own live receipts merged in."""
        local = self._outbox.live_infos_for_order(order_id)
        return cache.load_order(self._connection, order_id, local)

    def package_count(self) -> int:
        """How many packages the cache holds."""
        return cache.package_count(self._connection)

    def get_cursor(self, name: str) -> str | None:
        """A sync cursor's value, if it was ever set."""
        row = self._connection.execute(
            "SELECT value FROM cursors WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_cursor(self, name: str, value: str) -> None:
        """Set a sync cursor (committed at once)."""
        with transaction(self._connection) as connection:
            connection.execute(
                "INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                (name, value, to_text(self._clock())),
            )

    def replace_label_keys(self, keys: Sequence[LabelKey]) -> None:
        """Make `keys` the cached label keys (the platform's whole list)."""
        key_cache.replace_all(self._connection, keys, self._clock())

    def label_keys(self) -> list[LabelKey]:
        """The cached public keys for signed labels."""
        return key_cache.load_all(self._connection)

    # The receipt outbox

    def receive(self, draft: ReceiptDraft) -> StoredReceipt:
        """Queue a new receipt; returns only once it is durably committed.

        Raises `StoreFull` or `StoreWriteError` when it could not be kept (the
        desk must not show "accepted" then), `DuplicateReceipt` when the id is
        taken or the package already has a live receipt here, and
        `InvalidReceipt` for a draft that breaks the contract.
        """
        return self._outbox.receive(draft)

    def receipt(self, receipt_id: str) -> StoredReceipt | None:
        """The local receipt with this id, if there is one."""
        return self._outbox.get(receipt_id)

    def local_receipt_for(self, token_digest: str) -> StoredReceipt | None:
        """The newest local receipt of this package that was not refused."""
        return self._outbox.live_for(token_digest)

    def amend(
        self, receipt_id: str, *, condition: Condition, note: str, actor: str
    ) -> StoredReceipt:
        """A new version with this condition and note, queued again and audited."""
        return self._outbox.amend(
            receipt_id, condition=condition, note=note, actor=actor
        )

    def next_batch(self, limit: int) -> list[StoredReceipt]:
        """Up to `limit` queued receipts, oldest first."""
        return self._outbox.next_batch(limit)

    def mark_sent(self, receipts: Sequence[tuple[str, int]]) -> None:
        """These (receipt_id, version) pairs went out: sent, one attempt more."""
        self._outbox.mark_sent(receipts)

    def apply_result(
        self, receipt_id: str, version: int, outcome: ReceiptOutcome
    ) -> None:
        """Record the server's answer about `version` (the version it names)."""
        self._outbox.apply_result(receipt_id, version, outcome)

    def requeue(self, receipt_ids: Sequence[str], *, reason: str) -> int:
        """Sent receipts whose answer never came go back to the queue, with
        `reason` as their last error (e.g. "timed out"); returns how many."""
        return self._outbox.requeue(receipt_ids, reason=reason)

    def requeue_in_flight(self) -> int:
        """At start: every receipt left 'sent' is queued again; how many."""
        return self._outbox.requeue_in_flight()

    def counts(self) -> dict[ReceiptState, int]:
        """How many receipts are in each state, zeros included."""
        return self._outbox.counts()

    def oldest_queued_at(self) -> datetime | None:
        """When the oldest receipt still waiting for the server (queued or sent)
        was made."""
        return self._outbox.oldest_undelivered_at()

    def receipts_on(self, day: date, *, tz: tzinfo = UTC) -> list[StoredReceipt]:
        """Receipts made on `day` by the clock of `tz` (pass the desk's zone)."""
        return self._outbox.received_on(day, tz)

    def needs_attention(self) -> list[StoredReceipt]:
        """Refused, already received elsewhere, or provisional and unconfirmed;
        until a person resolves them."""
        return self._outbox.needing_attention()

    def needs_attention_count(self) -> int:
        """How many receipts `needs_attention` would list (a count, for status)."""
        return self._outbox.attention_count()

    def resolve(self, receipt_id: str, *, actor: str, note: str) -> None:
        """Mark a receipt that needs attention as dealt with (audited)."""
        self._outbox.resolve(receipt_id, actor=actor, note=note)

    # What the desk prints

    def handover(self, fulfillment_id: str) -> HandoverReceipt | None:
        """The handover receipt of a cached shipment, for the courier to sign."""
        return reports.handover(self._connection, fulfillment_id, self.workstation_id)

    def day_report(self, day: date) -> DayReport:
        """Every receipt made here on `day`, this computer's local date."""
        return reports.day_report(self._connection, day, self.workstation_id)

    # The audit log

    def audit(
        self, actor: str, action: str, subject: str, details: Mapping[str, object]
    ) -> None:
        """Append one entry to the audit log (committed at once)."""
        with transaction(self._connection) as connection:
            audit.append(connection, self._clock(), actor, action, subject, details)

    def audit_entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The newest entries of the audit log, oldest first."""
        return audit.entries(self._connection, limit=limit)

    def verify_audit(self) -> AuditCheck:
        """Walk the audit chain; report the first entry that does not match."""
        return audit.verify(self._connection)

    # Offline login

    def save_verifier(
        self,
        username: str,
        password: str,
        *,
        display_name: str,
        role: str,
        facility: Facility,
        ttl: timedelta,
        facility_name: str = "",
        prepared: PreparedVerifier | None = None,
    ) -> None:
        """After an online login: keep a verifier for offline unlock (audited).

        `prepared`, from `prepare_verifier(password)`, is the hash made
        beforehand (in a worker thread, say); without it this call hashes.
        """
        self._verifiers.save(
            username,
            password,
            display_name=display_name,
            role=role,
            facility=facility,
            ttl=ttl,
            facility_name=facility_name,
            prepared=prepared,
        )

    def unlock_salt(self, username: str) -> UnlockSalt:
        """The salt and cost an offline unlock of this user hashes with.

        `unlock_salt(user).hash(password)` touches no database: a caller can
        run it in a worker thread and pass the answer to `check_offline_login`.
        """
        return self._verifiers.salt_for(username)

    def check_offline_login(
        self, username: str, password: str, *, answer: UnlockAnswer | None = None
    ) -> OfflineLoginResult:
        """Try an offline unlock; every attempt is audited.

        Without `answer` (see `unlock_salt`) this call makes the scrypt hash.
        """
        return self._verifiers.check(username, password, answer=answer)


def _check_tables(path: Path, connection: sqlite3.Connection) -> None:
    names = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    missing = sorted(TABLES - names)
    if missing:
        raise StoreDamaged(
            path, "its tables are incomplete (no " + ", ".join(missing) + ")"
        )


def _create(path: Path) -> None:
    # A new store is made beside its place and moved there once whole: a
    # process killed while making it leaves no half-made store for the next
    # start, or for `queue`, to take for a damaged one.
    building = path.with_name(path.name + ".new")
    for leftover in (building, *(Path(f"{building}{end}") for end in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)

    connection = connect(building)
    try:
        configure(connection)
        migrate(connection)
        _workstation_id(connection)
    finally:
        # The last connection to close folds the WAL back into the file.
        connection.close()

    _fsync(building)
    building.replace(path)
    _fsync(path.parent)
    logger.info("Created the local store %s", path)


def _fsync(path: Path) -> None:
    # A directory is synced too where the system allows it, so the rename
    # itself survives a power cut.
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        logger.debug("%s could not be synced to disk", path)
    finally:
        os.close(descriptor)


def _workstation_id(connection: sqlite3.Connection) -> str:
    # Made once, on the first start, and kept for the life of the file.
    row = connection.execute(
        "SELECT value FROM meta WHERE key = 'workstation_id'"
    ).fetchone()
    if row is not None:
        return str(row[0])
    workstation_id = str(uuid.uuid4())
    with transaction(connection):
        connection.execute(
            "INSERT INTO meta (key, value) VALUES ('workstation_id', ?)",
            (workstation_id,),
        )
    logger.info("This workstation's id is %s", workstation_id)
    return workstation_id
