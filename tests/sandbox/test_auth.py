"""POST /auth/token and bearer tokens: logins, rotation with grace, expiry."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import SandboxAdmin


def _token(url: str, **form: str) -> httpx.Response:
    return httpx.post(url + "/auth/token", data=form, timeout=30.0)


def _password(url: str, username: str, password: str, ws: str = "DESK-1") -> Any:
    return _token(
        url,
        grant_type="password",
        username=username,
        password=password,
        client_id=ws,
    )


def _refresh(url: str, refresh_token: str, ws: str = "DESK-1") -> httpx.Response:
    return _token(
        url, grant_type="refresh_token", refresh_token=refresh_token, client_id=ws
    )


def _orders(url: str, access_token: str) -> httpx.Response:
    return httpx.get(
        url + "/orders",
        params={"limit": 1},
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=30.0,
    )


def _problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"] == "application/problem+json"
    return str(response.json()["type"]).removeprefix("urn:concierge:problem:")


@pytest.mark.parametrize(
    ("username", "role", "partner"),
    [
        ("concierge", "concierge", 1),
        ("supervisor", "supervisor", 1),
        ("other", "concierge", 2),
    ],
)
def test_demo_users_log_in_at_their_facility(
    sandbox: SandboxServer, username: str, role: str, partner: int
) -> None:
    response = _password(sandbox.url, username, username)

    assert response.status_code == 200
    grant = response.json()
    assert grant["token_type"] == "Bearer"
    assert 0 < grant["expires_in"] <= 300
    assert grant["user"]["role"] == role
    assert grant["facility"]["partner"] == partner
    assert response.headers["cache-control"] == "no-store"
    assert _orders(sandbox.url, grant["access_token"]).status_code == 200


@pytest.mark.parametrize(
    ("username", "password"), [("concierge", "wrong"), ("nobody", "nobody")]
)
def test_wrong_credentials_are_an_invalid_grant(
    sandbox: SandboxServer, username: str, password: str
) -> None:
    response = _password(sandbox.url, username, password)

    assert response.status_code == 400
    assert _problem_type(response) == "invalid-grant"


@pytest.mark.parametrize(
    "form",
    [
        {"grant_type": "password", "username": "concierge", "password": "concierge"},
        {"grant_type": "client_credentials", "client_id": "DESK-1"},
        {"client_id": "DESK-1"},
    ],
)
def test_malformed_token_requests_are_invalid_requests(
    sandbox: SandboxServer, form: dict[str, str]
) -> None:
    response = _token(sandbox.url, **form)

    assert response.status_code == 400
    assert _problem_type(response) == "invalid-request"


def test_json_instead_of_a_form_is_refused(sandbox: SandboxServer) -> None:
    response = httpx.post(
        sandbox.url + "/auth/token",
        json={"grant_type": "password", "username": "concierge"},
    )

    assert response.status_code == 400
    assert "x-www-form-urlencoded" in response.json()["detail"]


def test_passwords_are_stored_as_scrypt_verifiers(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    sandbox_factory(state=state)

    with sqlite3.connect(state) as db:
        rows = db.execute("SELECT username, password_hash FROM users").fetchall()
        everything = "\n".join(db.iterdump())
    db.close()

    assert {name for name, _ in rows} == {"concierge", "supervisor", "other"}
    assert all(len(stored) == 32 for _, stored in rows)
    assert "sbx-at-" not in everything
    assert "sbx-rt-" not in everything


def test_refresh_rotates_and_the_old_token_repeats_inside_the_grace(
    sandbox: SandboxServer,
) -> None:
    first = _password(sandbox.url, "concierge", "concierge").json()

    rotated = _refresh(sandbox.url, first["refresh_token"])
    repeated = _refresh(sandbox.url, first["refresh_token"])
    onward = _refresh(sandbox.url, rotated.json()["refresh_token"])

    assert rotated.status_code == 200
    assert rotated.json()["refresh_token"] != first["refresh_token"]
    assert rotated.json()["access_token"] != first["access_token"]
    assert repeated.status_code == 200
    assert repeated.json()["refresh_token"] == rotated.json()["refresh_token"]
    assert repeated.json()["access_token"] == rotated.json()["access_token"]
    assert onward.status_code == 200
    assert _orders(sandbox.url, onward.json()["access_token"]).status_code == 200


def test_a_rotated_refresh_token_is_refused_after_the_grace(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(refresh_grace=0)
    first = _password(server.url, "concierge", "concierge").json()
    _refresh(server.url, first["refresh_token"])

    reused = _refresh(server.url, first["refresh_token"])

    assert reused.status_code == 400
    assert _problem_type(reused) == "invalid-grant"


def test_a_refresh_token_belongs_to_its_workstation(sandbox: SandboxServer) -> None:
    first = _password(sandbox.url, "concierge", "concierge", ws="DESK-1").json()

    elsewhere = _refresh(sandbox.url, first["refresh_token"], ws="DESK-2")

    assert elsewhere.status_code == 400
    assert _problem_type(elsewhere) == "invalid-grant"


def test_access_token_lifetime_is_configurable(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(access_ttl=7)

    grant = _password(server.url, "concierge", "concierge").json()

    assert grant["expires_in"] in (6, 7)


def test_expired_access_tokens_answer_401_and_refresh_recovers(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    grant = _password(sandbox.url, "concierge", "concierge").json()

    assert sandbox_admin.expire_access_tokens() >= 1
    expired = _orders(sandbox.url, grant["access_token"])
    fresh = _refresh(sandbox.url, grant["refresh_token"]).json()

    assert expired.status_code == 401
    assert expired.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert _problem_type(expired) == "unauthorized"
    assert _orders(sandbox.url, fresh["access_token"]).status_code == 200


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Basic Y29uY2llcmdlOmNvbmNpZXJnZQ==", "Bearer nope"]
)
def test_missing_or_bad_bearers_answer_401(
    sandbox: SandboxServer, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}

    response = httpx.get(sandbox.url + "/orders", headers=headers)

    assert response.status_code == 401
    assert _problem_type(response) == "unauthorized"
    assert "ratelimit" in response.headers


def test_revoking_stops_refresh_and_revoking_the_user_stops_everything(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    grant = _password(sandbox.url, "concierge", "concierge").json()

    sandbox_admin.revoke("concierge")
    refresh_after = _refresh(sandbox.url, grant["refresh_token"])
    still_working = _orders(sandbox.url, grant["access_token"])
    sandbox_admin.revoke("concierge", user=True)
    login_after = _password(sandbox.url, "concierge", "concierge")
    access_after = _orders(sandbox.url, grant["access_token"])

    assert _problem_type(refresh_after) == "invalid-grant"
    assert still_working.status_code == 200
    assert _problem_type(login_after) == "invalid-grant"
    assert access_after.status_code == 401


def test_the_admin_api_adds_a_user_with_its_own_password(
    sandbox_admin: SandboxAdmin,
) -> None:
    sandbox_admin.add_user("night-desk", "a longer passphrase", role="supervisor")

    answer = sandbox_admin.http.post(
        "/auth/token",
        data={
            "grant_type": "password",
            "username": "night-desk",
            "password": "a longer passphrase",
            "client_id": "DESK-9",
        },
    )
    wrong = sandbox_admin.http.post(
        "/auth/token",
        data={
            "grant_type": "password",
            "username": "night-desk",
            "password": "night-desk",
            "client_id": "DESK-9",
        },
    )

    assert answer.status_code == 200
    assert answer.json()["user"]["role"] == "supervisor"
    assert wrong.status_code == 400
