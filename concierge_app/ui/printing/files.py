"""Writing a document's bytes to the file a person named, whole or not at all.

The bytes go to a temporary file beside the target, are synced, and the
temporary file is renamed over the target, so a full disk or a folder that
cannot be written raises a clear `OSError` and never leaves half a file.
No Qt here: the command line writes its CSV through it too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; raises OSError to word."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
