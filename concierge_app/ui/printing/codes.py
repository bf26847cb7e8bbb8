"""The module patterns of a label's two codes, before anything is drawn.

The QR code carries the signed label's text (segno picks the compact
alphanumeric mode for it, error correction M); the Code 128 carries the
bare token, the compact form for a linear scanner. Drawing is Qt's job
(`label_sheet`); these patterns are plain data, so tests can compare what
was drawn with what was meant.
"""

from __future__ import annotations

import barcode
import segno

QR_ERROR = "m"
QR_QUIET_MODULES = 4
CODE128_QUIET_MODULES = 10


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code of `payload` as rows of dark (True) modules, no quiet zone."""
    symbol = segno.make(payload, error=QR_ERROR, micro=False)
    return [[bool(module) for module in row] for row in symbol.matrix]


def code128_modules(text: str) -> str:
    """The Code 128 of `text` as '1' (bar) and '0' (space) modules, no quiet zone."""
    built: list[str] = barcode.get("code128", text).build()
    return built[0]
