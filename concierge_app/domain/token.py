"""The security token scheme: Crockford base32 with a Luhn mod 32 check symbol.

A token is 16 payload symbols plus one check symbol, printed in groups of
four (`7K3M-Q2XD-9TPA-W4HN-R`). Input is forgiving: case, spaces and hyphens
are ignored, and O reads as 0, I and L as 1. This is the only module that
knows the scheme, so another scheme can be swapped in here alone.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PAYLOAD_LENGTH = 16
TOKEN_LENGTH = PAYLOAD_LENGTH + 1
GROUP = 4

_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_BASE = len(ALPHABET)
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def normalise(text: str) -> str:
    """Upper-case, drop spaces and hyphens, read O as 0 and I, L as 1."""
    return text.upper().translate(_READ_AS)


def _luhn_sum(symbols: str, *, double_first: bool) -> int:
    # Luhn mod N: from the right, every second value is doubled and its
    # base-N digits are added, so one wrong symbol always changes the sum.
    total = 0
    double = double_first
    for symbol in reversed(symbols):
        value = _VALUE[symbol]
        if double:
            value *= 2
            value = value // _BASE + value % _BASE
        total += value
        double = not double
    return total


def check_symbol(payload: str) -> str:
    """The check symbol for a normalised payload of valid symbols."""
    remainder = _luhn_sum(payload, double_first=True) % _BASE
    return ALPHABET[(_BASE - remainder) % _BASE]


def is_valid(normalised: str) -> bool:
    """True for a normalised token of the right length whose check passes."""
    if len(normalised) != TOKEN_LENGTH:
        return False
    if any(symbol not in _VALUE for symbol in normalised):
        return False
    return _luhn_sum(normalised, double_first=False) % _BASE == 0


def generate() -> str:
    """A new random token in canonical (normalised, ungrouped) form."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return payload + check_symbol(payload)


def from_payload(payload: str) -> str:
    """The full token for 16 payload symbols (used by the seeded sandbox)."""
    return payload + check_symbol(payload)


def format_groups(token: str) -> str:
    """Print a token in groups of four: `7K3M-Q2XD-9TPA-W4HN-R`."""
    return "-".join(token[i : i + GROUP] for i in range(0, len(token), GROUP))


def digest(token: str) -> str:
    """SHA-256 hex of the normalised token: what caches and lists may hold."""
    return hashlib.sha256(normalise(token).encode("ascii")).hexdigest()


def receipt_proof(token: str, receipt_id: str) -> str:
    """Proof that the desk held the token when it made this receipt.

    HMAC-SHA256 keyed by the normalised token over the receipt id. The queue
    keeps this and the digest instead of the token, so the store never holds
    a token, and a proof cannot be reused for any other receipt.
    """
    key = normalise(token).encode("ascii")
    return hmac.new(key, receipt_id.encode("ascii"), hashlib.sha256).hexdigest()


def proof_matches(token: str, receipt_id: str, proof: str) -> bool:
    """Check a receipt's proof in constant time (the server's side)."""
    return hmac.compare_digest(receipt_proof(token, receipt_id), proof)


def log_ref(token: str) -> str:
    """A short reference safe for logs: a digest prefix, never token symbols."""
    return "tok:" + digest(token)[:10]
