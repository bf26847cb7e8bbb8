"""Counting lost and doubled receipts against the sandbox's own record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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
