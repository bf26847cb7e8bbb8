"""Turning a stream of decoded frames into scans, each code once.

A camera sees the same label in frame after frame, often both its codes
at once (the QR code with the order id and the Code 128 with the bare
token). `Debouncer` lets a code through only when it differs from the one
let through last, so a label held in view is received once and its two
codes count as one: codes are compared by the token they carry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from concierge_app.domain import token as token_scheme
from concierge_app.domain.payload import OrderLookup, TokenScan, parse_scan


def scan_key(text: str) -> str:
    """What makes two decoded texts the same code: the token, else the text."""
    payload = parse_scan(text)
    if isinstance(payload, TokenScan):
        return "token:" + token_scheme.normalise(payload.token)
    if isinstance(payload, OrderLookup):
        return f"order:{payload.order_id}"
    return "text:" + text.strip()


class Debouncer:
    """Lets each code through once until another code has been let through."""

    def __init__(self, key: Callable[[str], str] = scan_key) -> None:
        self._key = key
        self._last: str | None = None

    @property
    def last(self) -> str | None:
        """The key of the code let through last, or None."""
        return self._last

    def offer(self, texts: Sequence[str]) -> str | None:
        """The code of one frame to feed, or None when there is nothing new.

        While the code let through last is still in the frame, nothing is:
        two labels held up together would otherwise be fed by turns.
        """
        keys = [self._key(text) for text in texts if text.strip()]
        if not keys or self._last in keys:
            return None
        self._last = keys[0]
        return next(text for text in texts if text.strip())

    def reset(self) -> None:
        """Forget the last code (the camera was closed and opened again)."""
        self._last = None
