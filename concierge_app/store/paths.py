"""Where a workstation's store lives: one folder, chosen once at start.

The order of precedence is the command line (`--data-dir DIR`), then the
`CONCIERGE_APP_DATA_DIR` environment variable, then the user data folder
the platform gives the app.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "concierge-app"
DATA_DIR_ENV = "CONCIERGE_APP_DATA_DIR"
STORE_FILE = "store.sqlite3"
LOCK_FILE = "store.lock"


def resolve_data_dir(explicit: Path | None) -> Path:
    """The data folder to use: explicit, else the environment, else the platform's."""
    if explicit is not None:
        chosen = explicit
    elif os.environ.get(DATA_DIR_ENV, "").strip():
        chosen = Path(os.environ[DATA_DIR_ENV].strip())
    else:
        chosen = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return chosen.expanduser().absolute()


def store_file(data_dir: Path) -> Path:
    """The SQLite file inside a data folder."""
    return data_dir / STORE_FILE


def lock_file(data_dir: Path) -> Path:
    """The lock file that keeps a second instance out of a data folder."""
    return data_dir / LOCK_FILE
