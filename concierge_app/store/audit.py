"""The append-only audit log, chained by hashes so that edits show.

Each entry's hash is SHA-256 over the previous entry's hash followed by the
entry's canonical JSON (sorted keys, no spaces, UTF-8). Triggers make SQLite
refuse UPDATE and DELETE on the table; the chain catches what gets past
them (a raw edit of the file): `verify` walks it and names the first entry
that does not match.

TODO: the chain's head is not anchored outside the file, so someone who
rewrites every entry after an edit, or cuts entries off the end, is not
caught; sending the head to the server with each receipt batch would be.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from concierge_app.store.timestamps import to_text

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the audit log."""

    seq: int
    at: str
    actor: str
    action: str
    subject: str
    details: Mapping[str, object]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The result of walking the chain: sound, or where it first breaks."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def canonical(
    seq: int,
    at: str,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, object],
) -> str:
    """The canonical JSON of an entry's content, as its hash covers it."""
    entry = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
    }
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, canonical_json: str) -> str:
    """The hash of an entry: sha256 over its predecessor's hash and its JSON."""
    return hashlib.sha256((prev_hash + canonical_json).encode("utf-8")).hexdigest()


def append(
    connection: sqlite3.Connection,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, object],
) -> int:
    """Add one entry inside the caller's transaction; return its seq."""
    if not connection.in_transaction:
        raise RuntimeError("audit entries are written inside a store transaction")

    last = connection.execute(
        "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, prev_hash = (1, GENESIS_HASH) if last is None else (last[0] + 1, last[1])

    # Round-trip the details so that what is stored is what was hashed.
    details_json = json.dumps(
        details, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    stored_details = json.loads(details_json)
    at_text = to_text(at)
    entry_hash = chain_hash(
        prev_hash, canonical(seq, at_text, actor, action, subject, stored_details)
    )
    connection.execute(
        "INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at_text, actor, action, subject, details_json, prev_hash, entry_hash),
    )
    return seq


def entries(connection: sqlite3.Connection, *, limit: int = 100) -> list[AuditEntry]:
    """The newest `limit` entries, oldest first (for support and the UI)."""
    rows = connection.execute(
        "SELECT seq, at, actor, action, subject, details, prev_hash, hash"
        " FROM audit ORDER BY seq DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        AuditEntry(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), *row[6:])
        for row in reversed(rows)
    ]


def verify(connection: sqlite3.Connection) -> AuditCheck:
    """Walk the whole chain from the first entry; stop at the first break."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    rows = connection.execute(
        "SELECT seq, at, actor, action, subject, details, prev_hash, hash"
        " FROM audit ORDER BY seq"
    )
    for seq, at, actor, action, subject, details_json, prev_hash, stored in rows:
        if seq != expected_seq:
            return AuditCheck(
                False, count, expected_seq, f"entry {expected_seq} is missing"
            )
        if prev_hash != expected_prev:
            return AuditCheck(
                False, count, seq, f"entry {seq} does not follow entry {seq - 1}"
            )
        try:
            details = json.loads(details_json)
        except (TypeError, ValueError):
            return AuditCheck(False, count, seq, f"entry {seq} has unreadable details")
        content = canonical(seq, at, actor, action, subject, details)
        if chain_hash(prev_hash, content) != stored:
            return AuditCheck(
                False, count, seq, f"entry {seq} was changed after it was written"
            )
        expected_prev = stored
        expected_seq += 1
        count += 1
    return AuditCheck(True, count)
