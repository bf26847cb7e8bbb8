"""Pytest fixtures that give a test a real sandbox over loopback HTTP.

Registered for the whole suite through `pytest_plugins` in tests/conftest.py.

`sandbox`
    A running `SandboxServer` (concierge_app.sandbox.server) on 127.0.0.1 and
    a free port, seeded with the default seed (1) into a fresh SQLite file
    under the test's tmp_path; stopped after the test. Use `sandbox.url` as
    the partner API's base URL. Starting one takes a fraction of a second.

`sandbox_factory`
    Call it with `SandboxConfig` fields to start more servers, or one with
    other settings: `sandbox_factory(access_ttl=1, refresh_grace=2)`,
    `sandbox_factory(faults=parse_spec("error=1"))`,
    `sandbox_factory(state=path)` to share a state file across a restart.
    Each server it made is stopped after the test. Port and host default to
    127.0.0.1:0; `state` defaults to a new file under tmp_path.

`sandbox_admin`
    A `SandboxAdmin` for the `sandbox` fixture: the admin API (/_sandbox/...)
    with helpers a test needs most often:
        admin.tokens(verdict="accepted")  -> list of package dicts with tokens
        admin.token("released_early")     -> the first token with that verdict
        admin.receipts()                  -> {"receipts": [...], "attempts": {...}}
        admin.set_faults(error_rate=1.0)  /  admin.clear_faults()
        admin.traffic("/receipts")        -> the requests seen, with status and who
        admin.set_limits(requests_per_minute=5)
        admin.revoke("concierge", user=False)
        admin.expire_access_tokens()
        admin.login("concierge", workstation="DESK-1") -> the token answer
    `SandboxAdmin(url)` works for any sandbox, e.g. one from the factory.

`DeskClient(url, username, workstation)` is a logged-in partner API client
(httpx with the bearer set), and `receipt_item(token, ...)` builds a valid
POST /receipts item (digest and proof from the token) for tests.

Demo users: concierge/concierge and supervisor/supervisor (role supervisor)
at facility 1/1 "The Plein Hotel"; other/other at facility 1/2.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from concierge_app.domain import token as token_scheme
from concierge_app.sandbox.config import SandboxConfig
from concierge_app.sandbox.server import SandboxServer
from tests.contract_guard import ContractGuard

DEMO_PASSWORDS = {
    "concierge": "concierge",
    "supervisor": "supervisor",
    "other": "other",
}


class SandboxAdmin:
    """The sandbox's admin API, and a login helper, over real HTTP."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=30.0)

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()

    def tokens(
        self, verdict: str | None = None, *, facility: int = 1
    ) -> list[dict[str, Any]]:
        """Seeded packages with their tokens and the verdict due at `facility`."""
        response = self.http.get("/_sandbox/tokens", params={"facility": facility})
        response.raise_for_status()
        packages: list[dict[str, Any]] = response.json()
        if verdict is not None:
            packages = [p for p in packages if p["verdict"] == verdict]
        return packages

    def token(self, verdict: str, *, facility: int = 1) -> str:
        """The first token whose verdict at `facility` is `verdict`."""
        found = self.tokens(verdict, facility=facility)
        if not found:
            raise LookupError(f"the sandbox has no package with verdict {verdict}")
        return str(found[0]["token"])

    def receipts(self) -> dict[str, Any]:
        """Every stored receipt and the attempts per package."""
        response = self.http.get("/_sandbox/receipts")
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def faults(self) -> dict[str, Any]:
        """The current fault switches."""
        result: dict[str, Any] = self.http.get("/_sandbox/faults").json()
        return result

    def set_faults(self, **switches: Any) -> dict[str, Any]:
        """Change fault switches (latency_ms, error_rate, reset_rate, ...)."""
        response = self.http.put("/_sandbox/faults", json=switches)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def clear_faults(self) -> dict[str, Any]:
        """Turn every fault off."""
        return self.set_faults(
            latency_ms=0,
            error_rate=0.0,
            reset_rate=0.0,
            drop_after_commit_rate=0.0,
            drop_refresh_rate=0.0,
            throttle_rate=0.0,
        )

    def traffic(self, path: str | None = None) -> list[dict[str, Any]]:
        """Every partner request the sandbox saw (or those to `path`), in order."""
        response = self.http.get("/_sandbox/traffic")
        response.raise_for_status()
        visits: list[dict[str, Any]] = response.json()["visits"]
        return [v for v in visits if path is None or v["path"] == path]

    def set_limits(self, **limits: int) -> dict[str, Any]:
        """Change requests_per_minute / entities_per_minute; windows restart."""
        response = self.http.put("/_sandbox/limits", json=limits)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def revoke(self, username: str, *, user: bool = False) -> None:
        """Revoke a user's refresh tokens (and the user with user=True)."""
        response = self.http.post(
            "/_sandbox/revoke", json={"username": username, "user": user}
        )
        response.raise_for_status()

    def add_user(
        self,
        username: str,
        password: str,
        *,
        role: str = "concierge",
        partner: int = 1,
    ) -> None:
        """Create a user at facility 1/`partner` with a password of the test's."""
        response = self.http.post(
            "/_sandbox/users",
            json={
                "username": username,
                "password": password,
                "role": role,
                "partner": partner,
            },
        )
        response.raise_for_status()

    def expire_access_tokens(self) -> int:
        """Make every access token issued so far expire now."""
        response = self.http.post("/_sandbox/expire-access-tokens")
        response.raise_for_status()
        return int(response.json()["expired"])

    def login(self, username: str = "concierge", workstation: str = "DESK-1") -> Any:
        """Log a demo user in; the /auth/token answer as a dict."""
        response = self.http.post(
            "/auth/token",
            data={
                "grant_type": "password",
                "username": username,
                "password": DEMO_PASSWORDS[username],
                "client_id": workstation,
            },
        )
        response.raise_for_status()
        return response.json()


class DeskClient:
    """A workstation logged in to the partner API as a demo user."""

    def __init__(
        self, url: str, username: str = "concierge", workstation: str = "DESK-1"
    ) -> None:
        self.username = username
        self.workstation = workstation
        self.http = httpx.Client(base_url=url, timeout=30.0)
        admin = SandboxAdmin(url)
        try:
            self.grant = admin.login(username, workstation)
        finally:
            admin.close()
        self.http.headers["Authorization"] = f"Bearer {self.grant['access_token']}"

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()

    def receipts(self, *items: dict[str, Any]) -> httpx.Response:
        """POST /receipts with these items."""
        return self.http.post("/receipts", json={"receipts": list(items)})

    def results(self, *items: dict[str, Any]) -> list[dict[str, Any]]:
        """POST /receipts and return the per-item results (asserting 200)."""
        response = self.receipts(*items)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results


def receipt_item(
    token: str,
    receipt_id: str | None = None,
    *,
    received_by: str = "concierge",
    workstation_id: str = "DESK-1",
    **changes: Any,
) -> dict[str, Any]:
    """A well-formed POST /receipts item for `token`, proof included."""
    receipt_id = receipt_id or str(uuid.uuid4())
    item: dict[str, Any] = {
        "receipt_id": receipt_id,
        "version": 1,
        "token_sha256": token_scheme.digest(token),
        "proof": token_scheme.receipt_proof(token, receipt_id),
        "received_at": "2026-12-03T09:30:00.000000+00:00",
        "received_by": received_by,
        "workstation_id": workstation_id,
        "condition": "intact",
        "note": "",
        "override_by": None,
    }
    item.update(changes)
    return item


@pytest.fixture
def sandbox_factory(tmp_path: Path) -> Iterator[Callable[..., SandboxServer]]:
    """Start sandboxes with any `SandboxConfig` fields; all stop after the test.

    Every request the desk's own client sends them, and every answer it gets,
    is checked against the contract; a mismatch fails the test.
    """
    started: list[SandboxServer] = []
    numbers = itertools.count(1)
    guard = ContractGuard()

    def start(**changes: Any) -> SandboxServer:
        changes.setdefault("port", 0)
        changes.setdefault("state", tmp_path / f"sandbox-{next(numbers)}.sqlite3")
        server = SandboxServer(SandboxConfig(**changes), middleware=guard.wrap)
        server.start_sync()
        started.append(server)
        return server

    yield start
    for server in reversed(started):
        server.stop_sync()
    if guard.mismatches:
        shown = "\n".join(dict.fromkeys(guard.mismatches))
        pytest.fail(
            f"the client's traffic broke the contract (openapi.yaml):\n{shown}",
            pytrace=False,
        )


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    """A running sandbox with the default seed and fresh state (see module doc)."""
    return sandbox_factory()


@pytest.fixture
def sandbox_admin(sandbox: SandboxServer) -> Iterator[SandboxAdmin]:
    """The admin API of the `sandbox` fixture (see module doc)."""
    admin = SandboxAdmin(sandbox.url)
    yield admin
    admin.close()
