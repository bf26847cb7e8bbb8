"""The sandbox's durable state in SQLite: orders, users, tokens and receipts.

One `SandboxState` owns one connection and is used from one thread at a
time (the server runs every call on a single worker thread), so each call
is one consistent step: a page read sees no half-written batch, and a
receipt batch is one transaction. The first receipt of a package wins by a
UNIQUE constraint on the package, not by luck of timing.

Secrets: passwords are kept as scrypt verifiers, access and refresh tokens
as SHA-256 digests. Security tokens are kept in clear because the platform
must know them to check a receipt's proof (the admin API lists them).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import random
import secrets
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Condition,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
)
from concierge_app.domain.verdict import Known, VerdictKind, decide
from concierge_app.sandbox import seed, wire

logger = logging.getLogger(__name__)

T = TypeVar("T")

SCHEMA_VERSION = "2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facilities (
    tenant INTEGER NOT NULL, partner INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (tenant, partner));
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL,
    tenant INTEGER NOT NULL, partner INTEGER NOT NULL,
    salt BLOB NOT NULL, password_hash BLOB NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS orders (
    order_id TEXT PRIMARY KEY, tenant INTEGER NOT NULL, partner INTEGER NOT NULL,
    recipient TEXT NOT NULL, updated_us INTEGER NOT NULL, sequence INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fulfillments (
    fulfillment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders,
    position INTEGER NOT NULL, status TEXT NOT NULL, capture_status TEXT NOT NULL,
    captured_us INTEGER, amount_minor INTEGER NOT NULL, currency TEXT NOT NULL,
    manna_issued INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS packages (
    package_id TEXT PRIMARY KEY,
    fulfillment_id TEXT NOT NULL REFERENCES fulfillments,
    order_id TEXT NOT NULL REFERENCES orders, number INTEGER NOT NULL,
    count INTEGER NOT NULL, token TEXT NOT NULL, token_sha256 TEXT NOT NULL UNIQUE,
    tenant INTEGER NOT NULL, partner INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS receipts (
    receipt_id TEXT PRIMARY KEY,
    package_id TEXT NOT NULL UNIQUE REFERENCES packages,
    version INTEGER NOT NULL, token_sha256 TEXT NOT NULL,
    received_us INTEGER NOT NULL, received_by TEXT NOT NULL,
    workstation_id TEXT NOT NULL, condition TEXT NOT NULL, note TEXT NOT NULL,
    override_by TEXT, fingerprint TEXT NOT NULL, recorded_us INTEGER NOT NULL,
    override_note TEXT);
CREATE TABLE IF NOT EXISTS attempts (
    package_id TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS access_tokens (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL,
    workstation_id TEXT NOT NULL, expires_us INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL,
    workstation_id TEXT NOT NULL, expires_us INTEGER NOT NULL,
    rotated_us INTEGER, revoked INTEGER NOT NULL DEFAULT 0);
"""

# Built after seeding: filling indexed tables row by row is far slower.
INDEXES = """
CREATE INDEX IF NOT EXISTS orders_delta
    ON orders (tenant, partner, updated_us, order_id);
CREATE INDEX IF NOT EXISTS fulfillments_order ON fulfillments (order_id, position);
CREATE INDEX IF NOT EXISTS packages_order ON packages (order_id, fulfillment_id);
"""

MAX_NOTE = 500
MAX_NAME = 128

# A fixed verifier to spend the same time on an unknown username as on a
# known one, so timing does not tell which usernames exist.
_DUMMY_SALT = b"sandbox-no-such-user"


class StateError(Exception):
    """The state file cannot be used as asked; the message says why."""


class GrantError(Exception):
    """An /auth/token request that must be refused with invalid-grant."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a valid bearer token speaks for: a user at one workstation."""

    username: str
    display_name: str
    role: str
    facility: Facility
    workstation_id: str

    @property
    def rate_key(self) -> str:
        """The rate-limit client: this user at this workstation."""
        return f"user:{self.username}@{self.workstation_id}"


@dataclass(frozen=True, slots=True)
class Grant:
    """An /auth/token answer: a fresh access token and refresh token."""

    access_token: str
    refresh_token: str
    access_expires_us: int
    user: dict[str, str]
    facility: dict[str, Any]

    def __repr__(self) -> str:
        return f"Grant(user={self.user['username']!r}, tokens=<masked>)"

    def to_json(self, now: int) -> dict[str, Any]:
        """The contract's token answer, with the lifetime left as of `now`."""
        return {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": max(0, math.floor((self.access_expires_us - now) / 1e6)),
            "refresh_token": self.refresh_token,
            "user": self.user,
            "facility": self.facility,
        }


@dataclass(frozen=True, slots=True)
class ReceiptItem:
    """One well-formed POST /receipts item (validated by the routes)."""

    receipt_id: str
    version: int
    token_sha256: str
    proof: str
    received_us: int
    received_by: str
    workstation_id: str
    condition: str
    note: str
    override_by: str | None
    override_note: str | None = None

    @property
    def fingerprint(self) -> str:
        """The payload digest that tells a replay from an id reused."""
        return wire.fingerprint(
            token_sha256=self.token_sha256,
            received_us=self.received_us,
            received_by=self.received_by,
            workstation_id=self.workstation_id,
            condition=self.condition,
            note=self.note,
            override_by=self.override_by,
            override_note=self.override_note,
        )


def refused(
    item_id: object, version: object, cause: str, detail: str
) -> dict[str, Any]:
    """A `refused` receipt result with its problem."""
    return {
        "receipt_id": item_id if isinstance(item_id, str) else None,
        "version": version if type(version) is int else None,
        "status": "refused",
        "problem": {
            "type": f"urn:concierge:problem:{cause}",
            "title": _REFUSAL_TITLES[cause],
            "detail": detail,
        },
    }


_REFUSAL_TITLES = {
    "unknown-token": "No package has this token",
    "bad-proof": "The receipt proof does not match the package's token",
    "wrong-facility": "The package belongs to another facility",
    "not-captured": "The fulfillment's payment is not captured",
    "released-early": "Released without Manna documents",
    "id-reused": "The receipt id was used for a different receipt",
    "invalid-request": "The receipt is malformed",
}


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class SandboxState:
    """The sandbox's SQLite file and every query the routes need."""

    def __init__(
        self,
        path: Path,
        *,
        seed_number: int,
        bulk_packages: int = 0,
        access_ttl: float = 300.0,
        refresh_ttl: float = 12 * 3600.0,
        refresh_grace: float = 60.0,
    ) -> None:
        self.path = path
        self.seed_number = seed_number
        self.access_ttl_us = int(access_ttl * 1_000_000)
        self.refresh_ttl_us = int(refresh_ttl * 1_000_000)
        self.refresh_grace_us = int(refresh_grace * 1_000_000)
        # Answers of rotated refresh tokens, kept for the grace period only so
        # that a desk whose answer was lost gets the same new pair again.
        self._rotations: dict[str, tuple[Grant, int]] = {}
        self._simulated = 0
        try:
            self._db = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA cache_size=-65536")
            self._db.executescript(SCHEMA)
            self._seed_if_empty(bulk_packages)
            self._db.executescript(INDEXES)
        except sqlite3.DatabaseError as error:
            raise StateError(f"cannot use {path} as sandbox state: {error}") from None

    def close(self) -> None:
        """Close the file; the state stays on disk."""
        self._db.close()

    # -- seeding -----------------------------------------------------------

    def _seed_if_empty(self, bulk_packages: int) -> None:
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if meta:
            if meta.get("schema") != SCHEMA_VERSION:
                raise StateError(f"{self.path} was made by another sandbox version")
            if int(meta["seed"]) != self.seed_number:
                raise StateError(
                    f"{self.path} was seeded with --seed {meta['seed']}, "
                    f"not {self.seed_number}; use another state file"
                )
            if bulk_packages and int(meta["bulk_packages"]) != bulk_packages:
                raise StateError(
                    f"{self.path} holds {meta['bulk_packages']} bulk packages, "
                    f"not {bulk_packages}; use another state file"
                )
            logger.info("Sandbox state kept from %s", self.path)
            return

        rows = seed.build(self.seed_number, bulk_packages)
        with self._transaction():
            db = self._db
            db.executemany("INSERT INTO facilities VALUES (?, ?, ?)", rows.facilities)
            db.executemany(
                "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, 0)", rows.users
            )
            db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", rows.orders)
            db.executemany(
                "INSERT INTO fulfillments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.fulfillments,
            )
            db.executemany(
                "INSERT INTO packages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.packages,
            )
            db.executemany(
                "INSERT INTO receipts VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                rows.receipts,
            )
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA_VERSION),
                    ("seed", str(self.seed_number)),
                    ("bulk_packages", str(bulk_packages)),
                    ("next_sequence", str(rows.next_sequence)),
                ],
            )
        logger.info(
            "Sandbox seeded: %d orders, %d packages (seed %d)",
            len(rows.orders),
            len(rows.packages),
            self.seed_number,
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- authentication ------------------------------------------------------

    def password_grant(self, username: str, password: str, workstation: str) -> Grant:
        """Log a user in at a workstation, or raise GrantError."""
        row = self._db.execute(
            "SELECT salt, password_hash, revoked FROM users WHERE username = ?",
            (username,),
        ).fetchone()
        salt, stored = (row[0], row[1]) if row else (_DUMMY_SALT, b"")
        offered = seed.password_hash(password, salt)
        if row is None or not hmac.compare_digest(offered, stored):
            raise GrantError("wrong username or password")
        if row[2]:
            raise GrantError("this user's access was revoked")

        with self._transaction():
            return self._issue(username, workstation)

    def refresh_grant(self, refresh_token: str, workstation: str) -> Grant:
        """Rotate a refresh token, or repeat the rotation inside its grace."""
        now = wire.now_us()
        token_hash = _hash_secret(refresh_token)
        row = self._db.execute(
            "SELECT r.username, r.workstation_id, r.expires_us, r.rotated_us,"
            " r.revoked, u.revoked FROM refresh_tokens r JOIN users u USING (username)"
            " WHERE r.token_hash = ?",
            (token_hash,),
        ).fetchone()
        if row is None:
            raise GrantError("unknown refresh token")
        username, issued_to, expires_us, rotated_us, revoked, user_revoked = row
        if revoked or user_revoked:
            raise GrantError("the refresh token was revoked")
        if not hmac.compare_digest(issued_to, workstation):
            raise GrantError("the refresh token was issued to another workstation")
        if expires_us <= now:
            raise GrantError("the refresh token has expired")
        if rotated_us is not None:
            cached = self._rotations.get(token_hash)
            if cached is not None and now - rotated_us <= self.refresh_grace_us:
                return cached[0]
            raise GrantError("the refresh token was already used")

        with self._transaction():
            self._db.execute(
                "UPDATE refresh_tokens SET rotated_us = ? WHERE token_hash = ?",
                (now, token_hash),
            )
            grant = self._issue(username, workstation)
        self._forget_old_rotations(now)
        self._rotations[token_hash] = (grant, now)
        return grant

    def _forget_old_rotations(self, now: int) -> None:
        for key, (_, rotated_us) in list(self._rotations.items()):
            if now - rotated_us > self.refresh_grace_us:
                del self._rotations[key]

    def _issue(self, username: str, workstation: str) -> Grant:
        now = wire.now_us()
        access = "sbx-at-" + secrets.token_urlsafe(32)
        refresh = "sbx-rt-" + secrets.token_urlsafe(32)
        access_expires = now + self.access_ttl_us
        self._db.execute(
            "DELETE FROM access_tokens WHERE expires_us < ?", (now - 3_600_000_000,)
        )
        self._db.execute(
            "INSERT INTO access_tokens VALUES (?, ?, ?, ?)",
            (_hash_secret(access), username, workstation, access_expires),
        )
        self._db.execute(
            "INSERT INTO refresh_tokens VALUES (?, ?, ?, ?, NULL, 0)",
            (_hash_secret(refresh), username, workstation, now + self.refresh_ttl_us),
        )
        user = self._user(username)
        return Grant(
            access_token=access,
            refresh_token=refresh,
            access_expires_us=access_expires,
            user={
                "username": username,
                "display_name": user.display_name,
                "role": user.role,
            },
            facility={
                "tenant": user.facility.tenant,
                "partner": user.facility.partner,
                "name": self._facility_name(user.facility),
            },
        )

    def principal(self, access_token: str) -> Principal | None:
        """Who this bearer token speaks for, or None if it is not valid now."""
        row = self._db.execute(
            "SELECT a.username, a.workstation_id FROM access_tokens a"
            " JOIN users u USING (username)"
            " WHERE a.token_hash = ? AND a.expires_us > ? AND u.revoked = 0",
            (_hash_secret(access_token), wire.now_us()),
        ).fetchone()
        if row is None:
            return None
        user = self._user(row[0])
        return Principal(
            username=row[0],
            display_name=user.display_name,
            role=user.role,
            facility=user.facility,
            workstation_id=row[1],
        )

    def _user(self, username: str) -> Principal:
        display_name, role, tenant, partner = self._db.execute(
            "SELECT display_name, role, tenant, partner FROM users WHERE username = ?",
            (username,),
        ).fetchone()
        return Principal(username, display_name, role, Facility(tenant, partner), "")

    def _facility_name(self, facility: Facility) -> str:
        row = self._db.execute(
            "SELECT name FROM facilities WHERE tenant = ? AND partner = ?",
            (facility.tenant, facility.partner),
        ).fetchone()
        return str(row[0]) if row else ""

    def add_user(
        self,
        username: str,
        password: str,
        *,
        display_name: str,
        role: str,
        facility: Facility,
    ) -> None:
        """Create or replace a user (admin API), with a salted password hash."""
        salt = secrets.token_bytes(16)
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    username,
                    display_name,
                    role,
                    facility.tenant,
                    facility.partner,
                    salt,
                    seed.password_hash(password, salt),
                ),
            )

    def revoke(self, username: str, *, user: bool) -> bool:
        """Revoke a user's refresh tokens (and the user); False if unknown."""
        with self._transaction():
            if (
                self._db.execute(
                    "SELECT 1 FROM users WHERE username = ?", (username,)
                ).fetchone()
                is None
            ):
                return False
            self._db.execute(
                "UPDATE refresh_tokens SET revoked = 1 WHERE username = ?", (username,)
            )
            if user:
                self._db.execute(
                    "UPDATE users SET revoked = 1 WHERE username = ?", (username,)
                )
        self._rotations = {
            key: value
            for key, value in self._rotations.items()
            if value[0].user["username"] != username
        }
        return True

    def expire_access_tokens(self) -> int:
        """Make every access token issued so far expire now; how many there were."""
        now = wire.now_us()
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE access_tokens SET expires_us = ? WHERE expires_us > ?",
                (now, now),
            )
        return cursor.rowcount

    # -- orders ----------------------------------------------------------------

    def orders_page(
        self,
        facility: Facility,
        *,
        since_us: int | None,
        after: tuple[int, str] | None,
        limit: int,
        entity_room: int,
    ) -> tuple[list[dict[str, Any]], tuple[int, str] | None, int, int]:
        """One page of the facility's orders in (updated_at, order_id) order.

        The page stops early rather than exceed `entity_room` packages (but
        holds at least one order). Returns the orders, the keyset of the last
        one when more may follow, the packages in the page and the server time.
        """
        server_time = wire.now_us()
        clauses = ["tenant = ?", "partner = ?"]
        params: list[Any] = [facility.tenant, facility.partner]
        if since_us is not None:
            clauses.append("updated_us >= ?")
            params.append(since_us)
        if after is not None:
            clauses.append("(updated_us, order_id) > (?, ?)")
            params.extend(after)
        rows = self._db.execute(
            "SELECT order_id FROM orders WHERE "  # noqa: S608 - fixed clauses
            + " AND ".join(clauses)
            + " ORDER BY updated_us, order_id LIMIT ?",
            [*params, limit + 1],
        ).fetchall()
        more = len(rows) > limit
        orders = self._orders([row[0] for row in rows[:limit]])

        page: list[dict[str, Any]] = []
        entities = 0
        for order in orders:
            size = _package_count(order)
            if page and entities + size > entity_room:
                more = True
                break
            page.append(order)
            entities += size
        next_key = None
        if more and page:
            last = page[-1]
            next_key = (wire.parse_time(last["updated_at"]), last["order_id"])
        return page, next_key, entities, server_time

    def order(self, order_id: str) -> dict[str, Any] | None:
        """One order in the contract's shape, whatever its facility."""
        found = self._orders([order_id])
        return found[0] if found else None

    def _orders(self, order_ids: Sequence[str]) -> list[dict[str, Any]]:
        if not order_ids:
            return []
        marks = ",".join("?" * len(order_ids))
        orders: dict[str, dict[str, Any]] = {}
        for oid, tenant, partner, recipient, updated_us in self._db.execute(
            # Only the placeholders are interpolated into the statement.
            "SELECT order_id, tenant, partner, recipient, updated_us"  # noqa: S608
            f" FROM orders WHERE order_id IN ({marks}) ORDER BY updated_us, order_id",
            order_ids,
        ):
            orders[oid] = {
                "order_id": oid,
                "facility": {"tenant": tenant, "partner": partner},
                "recipient": recipient,
                "updated_at": wire.iso(updated_us),
                "fulfillments": [],
            }
        fulfillments: dict[str, dict[str, Any]] = {}
        for (
            fid,
            oid,
            status,
            capture,
            captured_us,
            amount,
            currency,
            manna,
        ) in self._db.execute(
            "SELECT fulfillment_id, order_id, status, capture_status,"  # noqa: S608
            " captured_us, amount_minor, currency, manna_issued"
            f" FROM fulfillments WHERE order_id IN ({marks})"
            " ORDER BY order_id, position",
            order_ids,
        ):
            fulfillment = {
                "fulfillment_id": fid,
                "status": status,
                "capture": {
                    "status": capture,
                    "captured_at": wire.iso(captured_us) if captured_us else None,
                    "amount_minor": amount,
                    "currency": currency,
                    "manna_issued": bool(manna),
                },
                "packages": [],
            }
            fulfillments[fid] = fulfillment
            orders[oid]["fulfillments"].append(fulfillment)
        for row in self._db.execute(
            "SELECT p.package_id, p.fulfillment_id, p.number, p.count,"  # noqa: S608
            " p.token_sha256, r.receipt_id, r.received_us, r.received_by,"
            " r.workstation_id, r.condition FROM packages p"
            " LEFT JOIN receipts r USING (package_id)"
            f" WHERE p.order_id IN ({marks})"
            " ORDER BY p.fulfillment_id, p.number",
            order_ids,
        ):
            receipt = None
            if row[5] is not None:
                receipt = {
                    "receipt_id": row[5],
                    "received_at": wire.iso(row[6]),
                    "received_by": row[7],
                    "workstation_id": row[8],
                    "condition": row[9],
                }
            fulfillments[row[1]]["packages"].append(
                {
                    "package_id": row[0],
                    "number": row[2],
                    "count": row[3],
                    "token_sha256": row[4],
                    "receipt": receipt,
                }
            )
        return list(orders.values())

    def package_by_digest(self, digest: str) -> tuple[str, str, str] | None:
        """(package id, order id, token) of the package with this digest."""
        row = self._db.execute(
            "SELECT package_id, order_id, token FROM packages WHERE token_sha256 = ?",
            (digest,),
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    # -- receipts --------------------------------------------------------------

    def submit(
        self,
        principal: Principal,
        items: Sequence[ReceiptItem | dict[str, Any]],
        in_progress_digests: Iterable[str] = (),
    ) -> list[dict[str, Any]]:
        """Process a batch in one transaction; one result per item, in order.

        An item given as a dict is already decided (malformed, or in
        progress elsewhere) and only counts as an attempt.
        """
        results: list[dict[str, Any]] = []
        with self._transaction():
            for digest in in_progress_digests:
                found = self.package_by_digest(digest)
                if found is not None:
                    self._count_attempt(found[0])
            for item in items:
                if isinstance(item, dict):
                    results.append(item)
                    continue
                self._db.execute("SAVEPOINT item")
                try:
                    result = self._register(principal, item)
                except sqlite3.IntegrityError:
                    # Another receipt took the package between our read and
                    # our insert; the constraint, not the read, has the say.
                    self._db.execute("ROLLBACK TO item")
                    result = self._register(principal, item)
                self._db.execute("RELEASE item")
                results.append(result)
        return results

    def _register(self, principal: Principal, item: ReceiptItem) -> dict[str, Any]:
        found = self.package_by_digest(item.token_sha256)
        if found is None:
            return refused(
                item.receipt_id,
                item.version,
                "unknown-token",
                "token_sha256: no package has this token digest",
            )
        package_id, order_id, token = found
        self._count_attempt(package_id)
        if not token_scheme.proof_matches(token, item.receipt_id, item.proof):
            return refused(
                item.receipt_id,
                item.version,
                "bad-proof",
                "proof: does not match the package's token for this receipt id",
            )

        domain_order = to_domain(_present(self.order(order_id), "order"))
        if domain_order.facility != principal.facility:
            return refused(
                item.receipt_id,
                item.version,
                "wrong-facility",
                "the package belongs to another facility",
            )

        if not self.is_user_at(item.received_by, principal.facility):
            return refused(
                item.receipt_id,
                item.version,
                "invalid-request",
                "received_by: no user of this facility has this username",
            )

        same_id = self._db.execute(
            "SELECT version, token_sha256, fingerprint, package_id FROM receipts"
            " WHERE receipt_id = ?",
            (item.receipt_id,),
        ).fetchone()
        if same_id is not None:
            return self._amend(item, *same_id)

        # An override is a supervisor of this facility with a note saying why.
        override = (
            item.override_by is not None
            and bool((item.override_note or "").strip())
            and self._is_supervisor(item.override_by, principal.facility)
        )
        fulfillment, package = _present(
            domain_order.find_package(item.token_sha256), "package"
        )
        verdict = decide(
            Known(
                facility=principal.facility,
                online=True,
                order=domain_order,
                fulfillment=fulfillment,
                package=package,
                supervisor_override=override,
            )
        )
        if verdict.kind is VerdictKind.ALREADY_RECEIVED:
            previous = _present(verdict.previous, "receipt")
            return {
                "receipt_id": item.receipt_id,
                "version": item.version,
                "status": "already_received",
                "received_at": wire.iso(wire.to_us(previous.received_at)),
                "received_by": previous.received_by,
                "workstation_id": previous.workstation_id,
            }
        if verdict.kind is VerdictKind.NOT_CAPTURED:
            return refused(
                item.receipt_id, item.version, "not-captured", verdict.reason
            )
        if verdict.kind is VerdictKind.RELEASED_EARLY:
            detail = "no Manna documents were issued and no valid override_by"
            if item.override_by is not None and not (item.override_note or "").strip():
                detail = "override_note: a supervisor override needs a note"
            elif item.override_by is not None:
                detail = f"override_by {item.override_by!r} is not a supervisor here"
            return refused(item.receipt_id, item.version, "released-early", detail)
        if verdict.kind is not VerdictKind.ACCEPTED:
            return refused(
                item.receipt_id, item.version, "invalid-request", verdict.reason
            )

        now = wire.now_us()
        self._db.execute(
            "INSERT INTO receipts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.receipt_id,
                package_id,
                item.version,
                item.token_sha256,
                item.received_us,
                item.received_by,
                item.workstation_id,
                item.condition,
                item.note,
                item.override_by if override else None,
                item.fingerprint,
                now,
                item.override_note if override else None,
            ),
        )
        self._touch(order_id, now)
        return {
            "receipt_id": item.receipt_id,
            "version": item.version,
            "status": "registered",
        }

    def _amend(
        self,
        item: ReceiptItem,
        stored_version: int,
        stored_digest: str,
        stored_fingerprint: str,
        package_id: str,
    ) -> dict[str, Any]:
        if stored_digest != item.token_sha256:
            return refused(
                item.receipt_id,
                item.version,
                "id-reused",
                "receipt_id: already names a receipt of another package",
            )
        if item.version < stored_version:
            return {
                "receipt_id": item.receipt_id,
                "version": stored_version,
                "status": "replayed",
            }
        if item.version == stored_version:
            if item.fingerprint == stored_fingerprint:
                return {
                    "receipt_id": item.receipt_id,
                    "version": stored_version,
                    "status": "replayed",
                }
            return refused(
                item.receipt_id,
                item.version,
                "id-reused",
                "receipt_id: this id and version were stored with another payload",
            )

        # A new version amends what may change after the fact (condition
        # and note); who, when and where stay as first registered.
        now = wire.now_us()
        self._db.execute(
            "UPDATE receipts SET version = ?, condition = ?, note = ?,"
            " fingerprint = ? WHERE receipt_id = ?",
            (
                item.version,
                item.condition,
                item.note,
                item.fingerprint,
                item.receipt_id,
            ),
        )
        order_id = self._db.execute(
            "SELECT order_id FROM packages WHERE package_id = ?", (package_id,)
        ).fetchone()[0]
        self._touch(order_id, now)
        return {
            "receipt_id": item.receipt_id,
            "version": item.version,
            "status": "registered",
        }

    def _count_attempt(self, package_id: str) -> None:
        self._db.execute(
            "INSERT INTO attempts VALUES (?, 1)"
            " ON CONFLICT (package_id) DO UPDATE SET count = count + 1",
            (package_id,),
        )

    def _touch(self, order_id: str, now: int) -> None:
        self._db.execute(
            "UPDATE orders SET updated_us = max(updated_us + 1, ?) WHERE order_id = ?",
            (now, order_id),
        )

    def _is_supervisor(self, username: str, facility: Facility) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM users WHERE username = ? AND role = 'supervisor'"
            " AND tenant = ? AND partner = ? AND revoked = 0",
            (username, facility.tenant, facility.partner),
        ).fetchone()
        return row is not None

    def is_user_at(self, username: str, facility: Facility) -> bool:
        """True when the username names a user of this facility."""
        row = self._db.execute(
            "SELECT 1 FROM users WHERE username = ? AND tenant = ? AND partner = ?",
            (username, facility.tenant, facility.partner),
        ).fetchone()
        return row is not None

    # -- admin -----------------------------------------------------------------

    def tokens(self, facility: Facility) -> list[dict[str, Any]]:
        """Every package with its token and the verdict a desk at `facility`
        should give it now."""
        by_order: dict[str, list[tuple[str, str, int, int, str]]] = {}
        for pid, fid, oid, number, count, token in self._db.execute(
            "SELECT package_id, fulfillment_id, order_id, number, count, token"
            " FROM packages ORDER BY order_id, fulfillment_id, number"
        ):
            by_order.setdefault(oid, []).append((pid, fid, number, count, token))

        listing: list[dict[str, Any]] = []
        order_ids = list(by_order)
        for start in range(0, len(order_ids), 500):
            for order in self._orders(order_ids[start : start + 500]):
                domain_order = to_domain(order)
                for pid, fid, number, count, token in by_order[order["order_id"]]:
                    located = _present(
                        domain_order.find_package(token_scheme.digest(token)),
                        "package",
                    )
                    verdict = decide(
                        Known(
                            facility=facility,
                            online=True,
                            order=domain_order,
                            fulfillment=located[0],
                            package=located[1],
                        )
                    )
                    listing.append(
                        {
                            "order_id": order["order_id"],
                            "fulfillment_id": fid,
                            "package_id": pid,
                            "number": number,
                            "count": count,
                            "token": token,
                            "facility": order["facility"],
                            "verdict": str(verdict.kind),
                        }
                    )
        return listing

    def issue_times(self) -> dict[str, int]:
        """When each fulfillment's labels were issued: its capture, else its
        order's last change (microseconds)."""
        return {
            str(fid): int(issued)
            for fid, issued in self._db.execute(
                "SELECT f.fulfillment_id, coalesce(f.captured_us, o.updated_us)"
                " FROM fulfillments f JOIN orders o USING (order_id)"
            )
        }

    def receipts(self) -> dict[str, Any]:
        """Every stored receipt and the attempts counted per package."""
        receipts = [
            {
                "receipt_id": row[0],
                "version": row[1],
                "package_id": row[2],
                "order_id": row[3],
                "token_sha256": row[4],
                "workstation_id": row[5],
                "received_by": row[6],
                "received_at": wire.iso(row[7]),
                "condition": row[8],
                "note": row[9],
                "override_by": row[10],
                "recorded_at": wire.iso(row[11]),
                "override_note": row[12],
            }
            for row in self._db.execute(
                "SELECT r.receipt_id, r.version, r.package_id, p.order_id,"
                " r.token_sha256, r.workstation_id, r.received_by, r.received_us,"
                " r.condition, r.note, r.override_by, r.recorded_us, r.override_note"
                " FROM receipts r JOIN packages p USING (package_id)"
                " ORDER BY r.recorded_us, r.receipt_id"
            )
        ]
        attempts = dict(
            self._db.execute("SELECT package_id, count FROM attempts ORDER BY 1")
        )
        return {"receipts": receipts, "attempts": attempts}

    def simulate_capture(self) -> str:
        """A boutique captures one more fulfillment for partner 1; its order id.

        The pending second shipment of the two-fulfillment order goes first,
        then new orders of one to three packages.
        """
        now = wire.now_us()
        pending = self._db.execute(
            "SELECT f.fulfillment_id, f.order_id FROM fulfillments f"
            " JOIN orders o USING (order_id)"
            " WHERE f.capture_status = 'pending' AND f.status = 'active'"
            " AND o.tenant = ? AND o.partner = ? ORDER BY f.fulfillment_id LIMIT 1",
            (seed.HOTEL.tenant, seed.HOTEL.partner),
        ).fetchone()
        with self._transaction():
            if pending is not None:
                self._db.execute(
                    "UPDATE fulfillments SET capture_status = 'captured',"
                    " captured_us = ?, manna_issued = 1 WHERE fulfillment_id = ?",
                    (now, pending[0]),
                )
                self._touch(pending[1], now)
                return str(pending[1])
            return self._new_simulated_order(now)

    def _new_simulated_order(self, now: int) -> str:
        sequence = int(
            self._db.execute(
                "SELECT value FROM meta WHERE key = 'next_sequence'"
            ).fetchone()[0]
        )
        if sequence > 999_999:
            raise StateError("the order sequence is exhausted")
        rng = random.Random(f"sandbox:{self.seed_number}:simulate:{sequence}")
        oid = seed.order_id(seed.HOTEL, sequence, now)
        fid = seed.fulfillment_id(sequence, 1)
        count = rng.choice((1, 1, 2, 3))
        self._db.execute(
            "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)",
            (
                oid,
                seed.HOTEL.tenant,
                seed.HOTEL.partner,
                "Guest of the house",
                now,
                sequence,
            ),
        )
        self._db.execute(
            "INSERT INTO fulfillments VALUES (?, ?, 1, 'active', 'captured', ?, ?,"
            " 'EUR', 1)",
            (fid, oid, now, rng.randrange(40_000, 3_000_000, 100)),
        )
        for number in range(1, count + 1):
            token = seed.make_token(rng)
            self._db.execute(
                "INSERT INTO packages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    seed.package_id(sequence, 1, number),
                    fid,
                    oid,
                    number,
                    count,
                    token,
                    token_scheme.digest(token),
                    seed.HOTEL.tenant,
                    seed.HOTEL.partner,
                ),
            )
        self._db.execute(
            "UPDATE meta SET value = ? WHERE key = 'next_sequence'",
            (str(sequence + 1),),
        )
        return oid


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back when the block raises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")


def _present(value: T | None, what: str) -> T:
    # The schema's foreign keys make these lookups total; a miss is a bug.
    if value is None:
        raise StateError(f"the sandbox state lost a {what}; this is a bug")
    return value


def _package_count(order: dict[str, Any]) -> int:
    return sum(len(f["packages"]) for f in order["fulfillments"])


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(UTC) if text else None


def to_domain(order: dict[str, Any]) -> Order:
    """A wire-shaped order as the domain's `Order`, for the verdict rules."""
    fulfillments = []
    for f in order["fulfillments"]:
        capture = f["capture"]
        packages = []
        for p in f["packages"]:
            receipt = p["receipt"]
            info = None
            if receipt is not None:
                info = ReceiptInfo(
                    received_at=_present(_moment(receipt["received_at"]), "time"),
                    received_by=receipt["received_by"],
                    workstation_id=receipt["workstation_id"],
                    condition=Condition(receipt["condition"]),
                )
            packages.append(
                Package(
                    p["package_id"], p["number"], p["count"], p["token_sha256"], info
                )
            )
        fulfillments.append(
            Fulfillment(
                fulfillment_id=f["fulfillment_id"],
                status=FulfillmentStatus(f["status"]),
                capture=Capture(
                    status=CaptureStatus(capture["status"]),
                    captured_at=_moment(capture["captured_at"]),
                    amount_minor=capture["amount_minor"],
                    currency=capture["currency"],
                    manna_issued=capture["manna_issued"],
                ),
                packages=tuple(packages),
            )
        )
    updated_at = _present(_moment(order["updated_at"]), "time")
    return Order(
        order_id=order["order_id"],
        facility=Facility(order["facility"]["tenant"], order["facility"]["partner"]),
        recipient=order["recipient"],
        updated_at=updated_at,
        fulfillments=tuple(fulfillments),
    )
