"""Offline unlock: a slow, salted verifier of each recent user's password.

After an online login the desk keeps an scrypt hash of the password (never
the password) with an expiry, so the same person can unlock the desk while
the network is down. Wrong attempts count per user; too many lock that user
out for a while. Every attempt, whatever its outcome, is audited.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from concierge_app.domain.model import Facility
from concierge_app.store import audit
from concierge_app.store.connection import transaction
from concierge_app.store.timestamps import from_text, to_text

logger = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)

# scrypt at n=2**14, r=8 costs 16 MiB and tens of milliseconds per check:
# nothing for a person at the desk, slow for someone guessing at the file.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
HASH_BYTES = 32
SALT_BYTES = 16
# OpenSSL refuses scrypt above its default memory cap (32 MiB) unless asked.
_MAXMEM = 64 * 1024 * 1024


class OfflineLoginStatus(enum.StrEnum):
    """How an offline unlock attempt ended."""

    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class OfflineLoginResult:
    """An offline unlock's outcome, with who it is when it succeeded."""

    status: OfflineLoginStatus
    username: str
    display_name: str | None = None
    role: str | None = None
    facility: Facility | None = None
    facility_name: str | None = None
    attempts_left: int | None = None
    locked_until: datetime | None = None
    expires_at: datetime | None = None

    @property
    def ok(self) -> bool:
        """True when the desk may unlock for this user."""
        return self.status is OfflineLoginStatus.OK

    @property
    def message(self) -> str:
        """What to tell the person at the desk."""
        status = self.status
        if status is OfflineLoginStatus.OK:
            return f"Welcome back, {self.display_name}. Working offline."
        if status is OfflineLoginStatus.UNKNOWN:
            return (
                "This user has not logged in online at this desk recently, so "
                "cannot unlock it offline. Log in when the network is back."
            )
        if status is OfflineLoginStatus.EXPIRED:
            return "The offline login has expired. Log in online to renew it."
        if status is OfflineLoginStatus.WRONG:
            return f"Wrong password. {self.attempts_left} attempts left."
        until = self.locked_until.astimezone() if self.locked_until else None
        when = f" until {until:%H:%M}" if until else ""
        return f"Too many wrong passwords: this user is locked{when}."


@dataclass(frozen=True, slots=True)
class _Parameters:
    n: int
    r: int
    p: int


def _hash(password: str, salt: bytes, params: _Parameters) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=_MAXMEM,
        dklen=HASH_BYTES,
    )


_CURRENT = _Parameters(SCRYPT_N, SCRYPT_R, SCRYPT_P)


@dataclass(frozen=True, slots=True)
class PreparedVerifier:
    """A password's fresh salt and scrypt hash, made before it is saved.

    Made by `prepare_verifier`, which touches no database, so a caller can
    hash in a worker thread (while the online login is on the wire) and save
    on the store's own thread. Neither value shows in its repr.
    """

    salt: bytes = field(repr=False)
    digest: bytes = field(repr=False)


def prepare_verifier(password: str) -> PreparedVerifier:
    """Hash `password` with a fresh salt at the current cost; safe in any thread."""
    salt = secrets.token_bytes(SALT_BYTES)
    return PreparedVerifier(salt, _hash(password, salt, _CURRENT))


# Hashed for unknown users too, so timing does not tell who has a verifier.
_DECOY_SALT = secrets.token_bytes(SALT_BYTES)


@dataclass(frozen=True, slots=True)
class UnlockSalt:
    """What an offline unlock hashes a password with: a user's salt and cost.

    Read from the store by `Verifiers.salt_for` (the decoy salt for a user
    without a verifier, so timing tells nothing); `hash` touches no
    database, so a caller can run it in a worker thread and hand the answer
    to `Verifiers.check` on the store's own thread.
    """

    salt: bytes = field(repr=False)
    params: _Parameters

    def hash(self, password: str) -> UnlockAnswer:
        """The password's scrypt hash for this salt; safe in any thread."""
        return UnlockAnswer(self, _hash(password, self.salt, self.params))


@dataclass(frozen=True, slots=True)
class UnlockAnswer:
    """A password hashed ahead for one `UnlockSalt`; the digest never shows."""

    salt: UnlockSalt
    digest: bytes = field(repr=False)


class Verifiers:
    """The offline verifiers of one workstation's store."""

    def __init__(
        self, connection: sqlite3.Connection, clock: Callable[[], datetime]
    ) -> None:
        self._connection = connection
        self._clock = clock

    def save(
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
        """Keep a fresh verifier after an online login; clears any lockout.

        `prepared` is `prepare_verifier(password)` made beforehand; without
        it the password is hashed here.
        """
        if ttl <= timedelta(0):
            raise ValueError("an offline verifier needs a positive lifetime")
        now = self._clock()
        if prepared is None:
            prepared = prepare_verifier(password)
        salt, digest = prepared.salt, prepared.digest

        with transaction(self._connection) as connection:
            connection.execute(
                "INSERT INTO verifiers (username, display_name, role, tenant, partner,"
                " salt, hash, scrypt_n, scrypt_r, scrypt_p, created_at, expires_at,"
                " failed_attempts, locked_until, facility_name)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)"
                " ON CONFLICT (username) DO UPDATE SET"
                " display_name = excluded.display_name, role = excluded.role,"
                " tenant = excluded.tenant, partner = excluded.partner,"
                " salt = excluded.salt, hash = excluded.hash,"
                " scrypt_n = excluded.scrypt_n, scrypt_r = excluded.scrypt_r,"
                " scrypt_p = excluded.scrypt_p, created_at = excluded.created_at,"
                " expires_at = excluded.expires_at, failed_attempts = 0,"
                " locked_until = NULL, facility_name = excluded.facility_name",
                (
                    username,
                    display_name,
                    role,
                    facility.tenant,
                    facility.partner,
                    salt,
                    digest,
                    _CURRENT.n,
                    _CURRENT.r,
                    _CURRENT.p,
                    to_text(now),
                    to_text(now + ttl),
                    facility_name,
                ),
            )
            audit.append(
                connection,
                now,
                username,
                "offline_verifier_saved",
                username,
                {"expires_at": to_text(now + ttl), "role": role},
            )

    def salt_for(self, username: str) -> UnlockSalt:
        """The salt and cost `check` will hash this user's password with."""
        row = self._connection.execute(
            "SELECT salt, scrypt_n, scrypt_r, scrypt_p FROM verifiers"
            " WHERE username = ?",
            (username,),
        ).fetchone()
        if row is None:
            return UnlockSalt(_DECOY_SALT, _CURRENT)
        return UnlockSalt(row[0], _Parameters(row[1], row[2], row[3]))

    def check(
        self, username: str, password: str, *, answer: UnlockAnswer | None = None
    ) -> OfflineLoginResult:
        """Try an offline unlock; count, lock out and audit as needed.

        `answer`, from `salt_for(username).hash(password)`, is the hash made
        beforehand; it is used only if the user's salt and cost are still
        the ones it was made with, and otherwise this call hashes.
        """
        now = self._clock()
        with transaction(self._connection) as connection:
            result = self._judge(connection, username, password, now, answer)
            details: dict[str, object] = {"result": result.status.value}
            if result.attempts_left is not None:
                details["attempts_left"] = result.attempts_left
            if result.locked_until is not None:
                details["locked_until"] = to_text(result.locked_until)
            audit.append(connection, now, username, "offline_login", username, details)

        if result.status is OfflineLoginStatus.LOCKED:
            logger.warning("Offline login for %s refused: locked", username)
        return result

    def _judge(
        self,
        connection: sqlite3.Connection,
        username: str,
        password: str,
        now: datetime,
        answer: UnlockAnswer | None,
    ) -> OfflineLoginResult:
        row = connection.execute(
            "SELECT display_name, role, tenant, partner, salt, hash, scrypt_n,"
            " scrypt_r, scrypt_p, expires_at, failed_attempts, locked_until,"
            " facility_name FROM verifiers WHERE username = ?",
            (username,),
        ).fetchone()
        if row is None:
            if answer is None:
                _hash(password, _DECOY_SALT, _CURRENT)
            return OfflineLoginResult(OfflineLoginStatus.UNKNOWN, username)

        (display_name, role, tenant, partner, salt, stored, n, r, p) = row[:9]
        expires_at, failed, locked_until = from_text(row[9]), row[10], row[11]
        if locked_until is not None and from_text(locked_until) > now:
            return OfflineLoginResult(
                OfflineLoginStatus.LOCKED,
                username,
                locked_until=from_text(locked_until),
            )
        if expires_at <= now:
            return OfflineLoginResult(
                OfflineLoginStatus.EXPIRED, username, expires_at=expires_at
            )

        used = UnlockSalt(salt, _Parameters(n, r, p))
        if answer is None or answer.salt != used:
            # No hash made ahead, or the verifier changed since: hash here.
            answer = used.hash(password)
        if hmac.compare_digest(answer.digest, stored):
            connection.execute(
                "UPDATE verifiers SET failed_attempts = 0, locked_until = NULL"
                " WHERE username = ?",
                (username,),
            )
            return OfflineLoginResult(
                OfflineLoginStatus.OK,
                username,
                display_name=display_name,
                role=role,
                facility=Facility(tenant, partner),
                facility_name=row[12],
                expires_at=expires_at,
            )

        failed += 1
        if failed >= MAX_FAILED_ATTEMPTS:
            until = now + LOCKOUT
            connection.execute(
                "UPDATE verifiers SET failed_attempts = 0, locked_until = ?"
                " WHERE username = ?",
                (to_text(until), username),
            )
            return OfflineLoginResult(
                OfflineLoginStatus.LOCKED, username, locked_until=until
            )
        connection.execute(
            "UPDATE verifiers SET failed_attempts = ?, locked_until = NULL"
            " WHERE username = ?",
            (failed, username),
        )
        return OfflineLoginResult(
            OfflineLoginStatus.WRONG,
            username,
            attempts_left=MAX_FAILED_ATTEMPTS - failed,
        )
