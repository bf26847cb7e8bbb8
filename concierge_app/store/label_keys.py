"""The cached public keys for signed labels, as the last pull brought them.

The set is replaced whole on every successful fetch: the platform's list is
the truth, and a key it no longer lists is withdrawn here too. Reading is
one small query on every scan of a signed label the cache does not know.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from concierge_app.domain.signed_label import ALGORITHM, LabelKey
from concierge_app.store.connection import transaction
from concierge_app.store.timestamps import (
    from_text,
    optional_text,
    optional_time,
    to_text,
)


def replace_all(
    connection: sqlite3.Connection, keys: Sequence[LabelKey], now: datetime
) -> None:
    """Make `keys` the cached set, in one transaction."""
    with transaction(connection):
        connection.execute("DELETE FROM label_keys")
        connection.executemany(
            "INSERT INTO label_keys (key_id, algorithm, public_key, not_before,"
            " not_after, fetched_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    key.key_id,
                    ALGORITHM,
                    key.public_key,
                    to_text(key.not_before),
                    optional_text(key.not_after),
                    to_text(now),
                )
                for key in keys
            ],
        )


def load_all(connection: sqlite3.Connection) -> list[LabelKey]:
    """Every cached key, by key id."""
    return [
        LabelKey(
            key_id=row[0],
            public_key=bytes(row[1]),
            not_before=from_text(row[2]),
            not_after=optional_time(row[3]),
        )
        for row in connection.execute(
            "SELECT key_id, public_key, not_before, not_after FROM label_keys"
            " ORDER BY key_id"
        )
    ]
