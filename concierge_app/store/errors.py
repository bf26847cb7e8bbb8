"""Every exception the local store raises, so callers can catch by meaning.

    StoreError                   anything the store cannot do; str() is a plain sentence
    ├── StoreLocked              another process is using this data folder
    ├── StoreDamaged             the file is not a usable store; nothing was changed
    │   └── StoreTooNew          written by a newer app (schema newer than ours)
    ├── StoreWriteError          a write failed and was rolled back
    │   └── StoreFull            the disk (or the file's size limit) is full
    ├── InvalidReceipt           a draft that breaks the contract (also a ValueError)
    ├── DuplicateReceipt         the id is taken, or the package has a live receipt
    ├── UnknownReceipt           no receipt has this id (also a KeyError)
    └── ReceiptStateError        the receipt's state does not allow the change

A caller that only needs to show the operator what happened catches
`StoreError` and shows `str(error)`: every message says what happened in
plain words and, where a file is involved, names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concierge_app.store.records import StoredReceipt


class StoreError(Exception):
    """The local store could not do what was asked."""


class StoreLocked(StoreError):
    """A second instance tried to open a data folder another process holds."""

    def __init__(self, data_dir: Path, holder_pid: int | None = None) -> None:
        self.data_dir = data_dir
        self.holder_pid = holder_pid
        who = "another concierge-app"
        if holder_pid is not None:
            who += f" (process {holder_pid})"
        super().__init__(
            f"The data folder {data_dir} is already in use by {who}. "
            "Only one app at a time may use a workstation's store: close the "
            "other window, or start this one with a different --data-dir."
        )


class StoreDamaged(StoreError):
    """The store file cannot be used as it is; it was left exactly where it was.

    The caller decides what happens next: `Store.open(..., recover=True)`
    moves the file aside and starts a fresh store.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"The local store {path} cannot be used: {reason}. Nothing was "
            "changed. Starting with a fresh store moves this file aside (it is "
            "kept for support) and begins with an empty queue."
        )


class StoreTooNew(StoreDamaged):
    """The file was written by a newer version of the app."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(
            path,
            f"it was written by a newer concierge-app (store schema {found}; "
            f"this version reads up to {known}); update the app to keep using it",
        )


class StoreWriteError(StoreError):
    """A write failed and was rolled back: nothing of it was stored."""


class StoreFull(StoreWriteError):
    """There is no room left for the write; it was rolled back."""


class InvalidReceipt(StoreError, ValueError):
    """A receipt draft that breaks the wire contract (a caller's mistake)."""


class DuplicateReceipt(StoreError):
    """The receipt id is taken, or the package already has a live receipt here."""

    def __init__(self, message: str, existing: StoredReceipt) -> None:
        self.existing = existing
        super().__init__(message)


class UnknownReceipt(StoreError, KeyError):
    """No local receipt has this id."""

    def __init__(self, receipt_id: str) -> None:
        self.receipt_id = receipt_id
        super().__init__(f"There is no local receipt {receipt_id}.")

    def __str__(self) -> str:
        # KeyError would quote the message; the operator should see a sentence.
        return str(self.args[0])


class ReceiptStateError(StoreError):
    """The receipt exists, but its state does not allow this change."""
