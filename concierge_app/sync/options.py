"""The desk's settings as the receiving core takes them.

Apart from `desk`, so the command line can plan a desk's start without
importing the API client and the sync engine that `desk` brings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

VERIFIER_TTL = timedelta(days=7)
"""How long after an online login the same user may unlock offline."""


@dataclass(frozen=True, slots=True)
class DeskOptions:
    """The settings the core needs, passed down from the settings module."""

    scanner_prefix: str = ""
    scanner_suffix: str = ""
    verifier_ttl: timedelta = VERIFIER_TTL
    pull_interval: float = 60.0
    batch_size: int = 50
