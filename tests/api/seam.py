"""A scripted partner API behind `httpx.MockTransport`, for api unit tests.

It answers like the contract does (token grants, problem+json, rate headers)
and records every request, so each test states only what differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx

USER = {"username": "concierge", "display_name": "Concierge", "role": "concierge"}
FACILITY = {"tenant": 1, "partner": 1, "name": "The Plein Hotel"}


def problem(status: int, name: str, detail: str = "", **headers: str) -> httpx.Response:
    """A problem+json answer of the contract."""
    body = {
        "type": f"urn:concierge:problem:{name}",
        "title": name,
        "status": status,
        "detail": detail,
    }
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"content-type": "application/problem+json", **headers},
    )


@dataclass
class FakePartner:
    """Issues numbered tokens; routes other requests to `routes`."""

    lifetime: int = 300
    issued: int = 0
    valid_access: set[str] = field(default_factory=set)
    valid_refresh: set[str] = field(default_factory=set)
    requests: list[httpx.Request] = field(default_factory=list)
    routes: dict[str, Callable[[httpx.Request], httpx.Response]] = field(
        default_factory=dict
    )
    drop_refresh_answers: int = 0
    refuse_refresh: bool = False

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def grant(self) -> dict[str, Any]:
        self.issued += 1
        access, refresh = f"access-{self.issued}", f"refresh-{self.issued}"
        self.valid_access.add(access)
        self.valid_refresh.add(refresh)
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.lifetime,
            "refresh_token": refresh,
            "user": USER,
            "facility": FACILITY,
        }

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/auth/token":
            return self._token(request)

        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in self.valid_access:
            return problem(401, "unauthorized")
        route = self.routes.get(f"{request.method} {request.url.path}")
        if route is None:
            return problem(404, "order-not-found")
        return route(request)

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        if form.get("grant_type") == "password":
            if form.get("password") != "concierge":
                return problem(400, "invalid-grant", "wrong username or password")
            return httpx.Response(200, json=self.grant())
        if self.refuse_refresh or form.get("refresh_token") not in self.valid_refresh:
            return problem(400, "invalid-grant", "refresh token refused")
        answer = self.grant()
        if self.drop_refresh_answers:
            self.drop_refresh_answers -= 1
            raise httpx.ReadError("connection reset after the server answered")
        return httpx.Response(200, json=answer)

    def expire_access_tokens(self) -> None:
        self.valid_access.clear()

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.url.path == path)
