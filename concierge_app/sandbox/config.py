"""Everything a sandbox run can be told, with the defaults of the contract.

One frozen `SandboxConfig` is built by the command line or by the tests and
handed to the server; nothing else in the sandbox reads flags or the
environment.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from pathlib import Path

from concierge_app.sandbox.faults import Faults

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765


class Profile(enum.StrEnum):
    """An environment of the partner platform, with its own rate budgets."""

    DEV = "dev"
    PRODUCTION = "production"


@dataclass(frozen=True, slots=True)
class RateBudget:
    """Requests and entities (records read or written) allowed per minute."""

    requests_per_minute: int
    entities_per_minute: int


# The source document's rate-limit table names both budgets and both
# environments but gives no values; these are our assumption (docs/contract.md).
PROFILE_BUDGETS = {
    Profile.DEV: RateBudget(requests_per_minute=600, entities_per_minute=6000),
    Profile.PRODUCTION: RateBudget(requests_per_minute=120, entities_per_minute=1200),
}


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    """One sandbox run: where it listens, what it seeds, how it misbehaves."""

    host: str = LOOPBACK
    port: int = DEFAULT_PORT
    allow_remote: bool = False
    state: Path | None = None
    seed: int = 1
    bulk_packages: int = 0
    profile: Profile = Profile.DEV
    requests_per_minute: int | None = None
    entities_per_minute: int | None = None
    access_ttl: float = 300.0
    refresh_ttl: float = 12 * 3600.0
    refresh_grace: float = 60.0
    faults: Faults = dataclasses.field(default_factory=Faults)
    simulate: bool = False
    simulate_interval: float = 5.0

    def __post_init__(self) -> None:
        if not self.allow_remote and self.host not in (LOOPBACK, "localhost", "::1"):
            raise ValueError(
                f"refusing to bind {self.host}: the sandbox listens on loopback "
                "unless remote binding is explicitly allowed (--allow-remote)"
            )
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port {self.port} is not 0-65535")
        if self.seed < 0:
            raise ValueError("seed must not be negative")
        if not 0 <= self.bulk_packages <= 1_000_000:
            raise ValueError("bulk packages must be 0 to 1,000,000")
        if self.access_ttl <= 0 or self.refresh_ttl <= 0 or self.refresh_grace < 0:
            raise ValueError("token lifetimes must be positive (grace may be 0)")
        for name in ("requests_per_minute", "entities_per_minute"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name.replace('_', ' ')} must be at least 1")
        if self.simulate_interval <= 0:
            raise ValueError("the simulation interval must be positive")

    @property
    def budget(self) -> RateBudget:
        """The profile's budgets with any explicit override applied."""
        base = PROFILE_BUDGETS[self.profile]
        return RateBudget(
            requests_per_minute=self.requests_per_minute or base.requests_per_minute,
            entities_per_minute=self.entities_per_minute or base.entities_per_minute,
        )
