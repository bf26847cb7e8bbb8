"""Test set-up shared by every layer: offscreen Qt, no stray user folders."""

from __future__ import annotations

import os

# Qt must never look for a display in tests; set before any Qt import.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

# The real sandbox over loopback, for every layer's integration tests.
pytest_plugins = ["tests.sandbox_fixtures"]
