"""Test set-up shared by every layer: offscreen Qt, no stray user folders."""

from __future__ import annotations

import os

# Qt must never look for a display in tests; set before any Qt import.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (marked `anyio`) run on asyncio, the loop the app uses."""
    return "asyncio"
