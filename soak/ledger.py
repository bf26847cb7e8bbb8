"""Lost and doubled receipts, and the desks' manners, from the sandbox's record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx


def audit_receipts(url: str, accepted: Iterable[str]) -> tuple[int, int, int]:
    """(receipts held, lost, doubled) for the receipt ids shown as accepted.

    Lost: shown accepted at a desk but not registered at the sandbox.
    Doubled: a package holding more than one registered receipt.
    """
    held = httpx.get(f"{url}/_sandbox/receipts", timeout=60).json()["receipts"]
    ids = {r["receipt_id"] for r in held}
    per_package = Counter(r["package_id"] for r in held)
    lost = sum(1 for receipt_id in set(accepted) if receipt_id not in ids)
    doubled = sum(n - 1 for n in per_package.values() if n > 1)
    return len(held), lost, doubled


@dataclass(frozen=True, slots=True)
class TrafficAudit:
    """What the sandbox saw of the desks' manners."""

    visits: int
    faults: int
    throttled: int
    most_requests: int
    most_entities: int
    early_after_429: int

    def kept_to(self, requests_per_minute: int, entities_per_minute: int) -> bool:
        """Both budgets kept in every 60 s, and every Retry-After waited out."""
        return (
            self.most_requests <= requests_per_minute
            and self.most_entities <= entities_per_minute
            and self.early_after_429 == 0
        )

    def describe(self) -> str:
        """One line for the soak's note."""
        return (
            f"{self.visits} requests; most in any 60 s: {self.most_requests} "
            f"requests, {self.most_entities} entities; {self.throttled} answered "
            f"429, {self.early_after_429} requests before their Retry-After"
        )


def audit_traffic(url: str, *, window: float = 60.0) -> TrafficAudit:
    """Read the sandbox's traffic log and check it from the server's side.

    Every request counts, whatever its fate (reset, 5xx, 429), in a sliding
    window of `window` seconds per client key (a user at a workstation, or an
    address for logins), as do the entities the sandbox charged it. After a
    429 with Retry-After, no request of that client may arrive before the
    wait has passed since the answer left.
    """
    visits = httpx.get(f"{url}/_sandbox/traffic", timeout=60).json()["visits"]
    by_key: dict[str, list[dict[str, Any]]] = {}
    for visit in visits:
        by_key.setdefault(visit["key"], []).append(visit)

    most_requests = most_entities = early = 0
    for mine in by_key.values():
        mine.sort(key=lambda v: v["at"])
        start = 0
        entities = 0
        for end, visit in enumerate(mine):
            entities += visit["entities"]
            while mine[start]["at"] <= visit["at"] - window:
                entities -= mine[start]["entities"]
                start += 1
            most_requests = max(most_requests, end - start + 1)
            most_entities = max(most_entities, entities)
        for n, visit in enumerate(mine):
            if visit["status"] == 429 and visit["retry_after"]:
                until = visit["answered_at"] + visit["retry_after"]
                early += sum(1 for v in mine[n + 1 :] if v["at"] < until - 0.001)

    faults = sum(1 for v in visits if v["status"] is None or v["status"] >= 500) + sum(
        1 for v in visits if v["status"] == 429
    )
    return TrafficAudit(
        visits=len(visits),
        faults=faults,
        throttled=sum(1 for v in visits if v["status"] == 429),
        most_requests=most_requests,
        most_entities=most_entities,
        early_after_429=early,
    )
