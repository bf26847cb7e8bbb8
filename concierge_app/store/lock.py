"""One writer per workstation store: an exclusive lock on a file in the folder.

The lock is held by an open file (flock on POSIX, msvcrt.locking on
Windows), so the operating system releases it when the process ends, even
after a crash: a stale lock file never keeps the desk out.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import BinaryIO

from concierge_app.store.errors import StoreError, StoreLocked
from concierge_app.store.paths import lock_file

logger = logging.getLogger(__name__)


class FolderLock:
    """The exclusive lock of one data folder, held until `release`."""

    def __init__(self, data_dir: Path, handle: BinaryIO) -> None:
        self.data_dir = data_dir
        self._handle: BinaryIO | None = handle

    @classmethod
    def acquire(cls, data_dir: Path) -> FolderLock:
        """Take the folder's lock or raise `StoreLocked` naming the folder."""
        path = lock_file(data_dir)
        try:
            # "a+b" creates the file without truncating the holder's pid.
            handle = path.open("a+b")
        except OSError as error:
            raise StoreError(
                f"The lock file {path} cannot be opened: {error.strerror or error}."
            ) from error

        try:
            _lock(handle)
        except OSError:
            holder = _read_pid(handle)
            handle.close()
            raise StoreLocked(data_dir, holder) from None

        # The pid is only a hint for the message a second instance shows.
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode("ascii"))
        handle.flush()
        logger.debug("Locked data folder %s", data_dir)
        return cls(data_dir, handle)

    def release(self) -> None:
        """Give the folder back; safe to call twice."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._handle)
        self._handle.close()
        self._handle = None


def _read_pid(handle: BinaryIO) -> int | None:
    try:
        handle.seek(0)
        text = handle.read(32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: BinaryIO) -> None:
        # Lock one byte far beyond the pid, so reading the pid stays possible.
        handle.seek(1 << 20)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: BinaryIO) -> None:
        handle.seek(1 << 20)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
