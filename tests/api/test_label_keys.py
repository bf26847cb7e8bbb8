"""GET /label-keys as the client reads it: anything off the contract is named."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from concierge_app.api.errors import ProtocolError
from concierge_app.api.wire import label_keys_from_json

RAW = bytes(range(32))


def key(**changes: Any) -> dict[str, Any]:
    item = {
        "key_id": "sbx1",
        "algorithm": "Ed25519",
        "public_key": base64.urlsafe_b64encode(RAW).decode().rstrip("="),
        "not_before": "2026-01-01T00:00:00.000000+00:00",
        "not_after": None,
    }
    item.update(changes)
    return item


def test_keys_are_read_with_their_validity() -> None:
    (read,) = label_keys_from_json({"keys": [key()]})

    assert (read.key_id, read.public_key, read.not_after) == ("sbx1", RAW, None)
    assert read.not_before.year == 2026


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "label keys.keys: expected list"),
        ({"keys": [key(algorithm="RSA")]}, "algorithm is not Ed25519"),
        ({"keys": [key(public_key="AAAA")]}, "32 bytes"),
        ({"keys": [key(public_key="!!")]}, "public_key"),
        ({"keys": [key(key_id="a b")]}, "key id"),
        ({"keys": [key(not_before="2026-01-01T00:00:00")]}, "without an offset"),
    ],
)
def test_a_key_off_the_contract_is_a_protocol_error(
    body: dict[str, Any], words: str
) -> None:
    with pytest.raises(ProtocolError, match=words):
        label_keys_from_json(body)
