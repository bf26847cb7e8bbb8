"""The sandbox's label keys: it signs package labels as the platform would.

The keys are derived from the seed, so a given seed always prints the same
labels. There are two, to show rotation: `sbx1` signs labels until 1
October 2026 and `sbx2` from September on. A label is signed by the newest
key in use at its issue time, and both are published, so a label printed
under the old key still verifies after the new one has taken over.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from concierge_app.domain import signed_label
from concierge_app.domain.order_id import parse_order_id
from concierge_app.domain.signed_label import LabelKey
from concierge_app.sandbox import wire

# (key id, in use from, in use until or None): what the sandbox publishes.
_SCHEDULE = (
    ("sbx1", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 10, 1, tzinfo=UTC)),
    ("sbx2", datetime(2026, 9, 1, tzinfo=UTC), None),
)


@dataclass(frozen=True, slots=True)
class SigningKey:
    """One label key with its private half (the sandbox's secret)."""

    public: LabelKey
    private: Ed25519PrivateKey

    def __repr__(self) -> str:
        return f"SigningKey({self.public.key_id!r})"


class LabelSigner:
    """Signs labels with the seed's keys and says which keys it publishes."""

    def __init__(self, seed: int) -> None:
        keys = []
        for key_id, not_before, not_after in _SCHEDULE:
            material = hashlib.sha256(f"sandbox:{seed}:label-key:{key_id}".encode())
            private = Ed25519PrivateKey.from_private_bytes(material.digest())
            public = LabelKey(
                key_id=key_id,
                public_key=signed_label.public_key_bytes(private),
                not_before=not_before,
                not_after=not_after,
            )
            keys.append(SigningKey(public, private))
        self.keys = tuple(keys)

    def key_for(self, issued_at: datetime) -> SigningKey:
        """The newest key in use at `issued_at` (the first one before any)."""
        for key in reversed(self.keys):
            if key.public.covers(issued_at):
                return key
        return self.keys[0]

    def sign(self, package: dict[str, Any], issued_us: int) -> dict[str, Any]:
        """A package of the admin listing with its signed label added."""
        issued_at = datetime.fromtimestamp(issued_us // 1_000_000, UTC)
        key = self.key_for(issued_at)
        label = signed_label.sign(
            key.private,
            key_id=key.public.key_id,
            token=package["token"],
            order_id=parse_order_id(package["order_id"]),
            fulfillment_id=package["fulfillment_id"],
            number=package["number"],
            count=package["count"],
            issued_at=issued_at,
        )
        return {
            **package,
            "label": signed_label.encode(label),
            "key_id": label.key_id,
            "issued_at": wire.iso(issued_us // 1_000_000 * 1_000_000),
        }

    def keys_json(self) -> list[dict[str, Any]]:
        """The public keys as GET /label-keys publishes them."""
        return [key_json(key.public) for key in self.keys]


def key_json(key: LabelKey) -> dict[str, Any]:
    """One public key in the contract's form (raw key in base64url, no padding)."""
    return {
        "key_id": key.key_id,
        "algorithm": signed_label.ALGORITHM,
        "public_key": base64.urlsafe_b64encode(key.public_key).decode().rstrip("="),
        "not_before": wire.iso(wire.to_us(key.not_before)),
        "not_after": (
            None if key.not_after is None else wire.iso(wire.to_us(key.not_after))
        ),
    }
