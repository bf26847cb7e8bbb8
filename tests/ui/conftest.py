"""Fixtures shared by the ui tests that drive the real desk on the sandbox."""

from __future__ import annotations

# The window opener of test_desk_on_sandbox, for the other sandbox ui tests.
from tests.ui.test_desk_on_sandbox import open_window

__all__ = ["open_window"]
