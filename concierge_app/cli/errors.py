"""The one exception a command raises to end with a clear line and a status."""

from __future__ import annotations

from concierge_app.cli import exit_codes


class CommandError(Exception):
    """A failure the user can act on: printed as one line, no traceback."""

    def __init__(self, message: str, exit_code: int = exit_codes.FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code
