"""Signing in to the Authentication service, and bearer auth for the Orders calls.

`Authenticator` is the one interface behind which the sign-in flow sits:
`PasswordGrant` is the contract's default, and a browser-based
authorization-code flow with PKCE (RFC 8252) can replace it where a facility
requires one. `BearerAuth` adds the access token to each Orders request and,
on a 401, refreshes once under a lock, so concurrent requests share one
refresh. A refresh whose answer was lost keeps the previous refresh token,
which the server honours for a grace period; a refused refresh raises
`LoginRequired`, and nothing queued is touched.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from concierge_app.api.errors import LoginRequired, ProtocolError, TransportError
from concierge_app.api.problems import Problem
from concierge_app.api.wire import UserInfo, user_from_json

logger = logging.getLogger(__name__)

REFRESH_AHEAD = 15.0
"""Refresh this many seconds before the access token expires."""


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in user's tokens; only the access token's expiry shows in repr."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: float
    user: UserInfo


class Authenticator(Protocol):
    """A sign-in flow of the Authentication service."""

    async def sign_in(self, username: str, password: str) -> Session:
        """Exchange credentials for a session; raise `LoginRequired` if refused."""
        ...

    async def refresh(self, refresh_token: str) -> Session:
        """Exchange a refresh token for a new session."""
        ...


PostForm = Callable[[dict[str, str]], Awaitable[Any]]
"""Posts a form to the token endpoint and returns the decoded JSON answer."""


class PasswordGrant:
    """The OAuth 2.0 password grant, the contract's default sign-in flow."""

    def __init__(
        self,
        post_form: PostForm,
        workstation_id: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._post_form = post_form
        self._workstation_id = workstation_id
        self._clock = clock

    async def sign_in(self, username: str, password: str) -> Session:
        """Exchange a user's credentials for a session."""
        answer = await self._post_form(
            {
                "grant_type": "password",
                "username": username,
                "password": password,
                "client_id": self._workstation_id,
            }
        )
        return session_from_json(answer, self._clock)

    async def refresh(self, refresh_token: str) -> Session:
        """Exchange a refresh token for a new session (the token rotates)."""
        answer = await self._post_form(
            {
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": self._workstation_id,
            }
        )
        return session_from_json(answer, self._clock)


def session_from_json(data: Any, clock: Callable[[], float]) -> Session:
    """A session from a token endpoint answer, checked against the contract."""
    if not isinstance(data, dict):
        raise ProtocolError("token answer: expected an object")
    access, refresh = data.get("access_token"), data.get("refresh_token")
    lifetime = data.get("expires_in")
    if not isinstance(access, str) or not isinstance(refresh, str):
        raise ProtocolError("token answer: access_token and refresh_token required")
    if not isinstance(lifetime, int) or isinstance(lifetime, bool) or lifetime < 1:
        raise ProtocolError("token answer: expires_in must be a positive integer")
    return Session(
        access_token=access,
        refresh_token=refresh,
        expires_at=clock() + lifetime,
        user=user_from_json(data),
    )


class SessionHolder:
    """Keeps the current session in memory and refreshes it once at a time."""

    def __init__(
        self,
        authenticator: Authenticator,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_lost: Callable[[], None] | None = None,
        on_refreshed: Callable[[Session], None] | None = None,
    ) -> None:
        self._authenticator = authenticator
        self._clock = clock
        self._lock = asyncio.Lock()
        self._on_lost = on_lost
        self._on_refreshed = on_refreshed
        self.session: Session | None = None

    def set(self, session: Session | None) -> None:
        """Start using a session (after sign-in), or forget it (log out)."""
        self.session = session

    async def current(self) -> Session:
        """A session whose access token is not about to expire."""
        session = self.session
        if session is None:
            raise LoginRequired(Problem(401, "unauthorized", "Not signed in"))
        if session.expires_at - self._clock() < REFRESH_AHEAD:
            return await self.refresh(stale=session)
        return session

    async def refresh(self, *, stale: Session) -> Session:
        """Replace `stale` with a fresh session, unless another caller already did."""
        async with self._lock:
            session = self.session
            if session is None:
                raise LoginRequired(Problem(401, "unauthorized", "Not signed in"))
            if session is not stale:
                return session
            try:
                fresh = await self._authenticator.refresh(session.refresh_token)
            except TransportError:
                # The answer may have been lost after the server rotated the
                # token; keep the old one, which stays valid for a grace.
                logger.warning("token refresh got no answer; will retry")
                raise
            except LoginRequired:
                logger.warning("token refresh refused; the user must log in again")
                self.session = None
                if self._on_lost is not None:
                    self._on_lost()
                raise
            self.session = fresh
            logger.info("access token refreshed for %s", fresh.user.username)
            if self._on_refreshed is not None:
                self._on_refreshed(fresh)
            return fresh


class BearerAuth(httpx.Auth):
    """Adds `Authorization: Bearer`; on a 401 refreshes once and retries once."""

    def __init__(self, holder: SessionHolder) -> None:
        self._holder = holder

    def __repr__(self) -> str:
        return "BearerAuth(<masked>)"

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        session = await self._holder.current()
        request.headers["Authorization"] = f"Bearer {session.access_token}"
        response = yield request

        if response.status_code == httpx.codes.UNAUTHORIZED:
            fresh = await self._holder.refresh(stale=session)
            request.headers["Authorization"] = f"Bearer {fresh.access_token}"
            yield request
