"""The partner API client: one long-lived httpx client for every call.

Each call waits for the rate budget, carries the bearer token (Orders only),
updates the budget from the answer's headers and turns every failure into
one of the exceptions in `errors`. TLS verification is always on; a custom
CA bundle comes from configuration. URLs and headers never reach the log:
the `httpx` and `httpcore` loggers are kept at WARNING.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx

from concierge_app import __version__
from concierge_app.api.auth import (
    Authenticator,
    BearerAuth,
    PasswordGrant,
    Session,
    SessionHolder,
)
from concierge_app.api.errors import (
    ApiError,
    BatchTooLarge,
    LoginRequired,
    NotFound,
    OtherFacilityUser,
    ProtocolError,
    RateLimited,
    RequestRefused,
    ServerError,
    TransportError,
    WrongFacility,
)
from concierge_app.api.problems import parse_problem
from concierge_app.api.rate_budget import RateBudget, parse_retry_after
from concierge_app.api.receipts import (
    MAX_BATCH,
    ReceiptItem,
    ReceiptResult,
    results_from_json,
)
from concierge_app.api.wire import UserInfo, label_keys_from_json, order_from_json
from concierge_app.domain.model import Facility, Order
from concierge_app.domain.signed_label import LabelKey

logger = logging.getLogger(__name__)

for _noisy in ("httpx", "httpcore"):
    logging.getLogger(_noisy).setLevel(logging.WARNING)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=15.0, write=15.0, pool=5.0)

USER_AGENT = f"concierge-app/{__version__}"
"""Names the desk in the platform's logs (and to the test sandbox's contract check)."""


@dataclass(frozen=True, slots=True)
class OrdersPage:
    """One page of the delta pull."""

    orders: list[Order]
    next_cursor: str | None
    server_time: str | None


@dataclass(frozen=True, slots=True)
class Verification:
    """A token the server knows: its package id and the order around it."""

    package_id: str
    order: Order


class PartnerClient:
    """The Authentication service and Orders endpoints of one environment."""

    def __init__(
        self,
        base_url: str,
        *,
        workstation_id: str,
        ca_bundle: Path | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        budget: RateBudget | None = None,
        authenticator: Authenticator | None = None,
        on_login_lost: Callable[[], None] | None = None,
        on_session: Callable[[Session], None] | None = None,
    ) -> None:
        verify: ssl.SSLContext | bool = True
        if ca_bundle is not None:
            verify = ssl.create_default_context(cafile=str(ca_bundle))
        elif base_url.lower().startswith("http://"):
            # Plain HTTP (the sandbox, a test server) never makes a TLS
            # connection: every call goes to base_url and no redirect is
            # followed. A context that trusts nothing spares loading the CA
            # bundle, about 50 ms of the desk's start-up, and would refuse
            # any certificate if TLS were ever reached.
            verify = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.base_url = base_url.rstrip("/")
        self.workstation_id = workstation_id
        self.budget = budget or RateBudget()
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=timeout,
            verify=verify,
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            follow_redirects=False,
        )
        self._authenticator = authenticator or PasswordGrant(
            self._post_token_form, workstation_id
        )
        self._holder = SessionHolder(
            self._authenticator, on_lost=on_login_lost, on_refreshed=on_session
        )
        self._bearer = BearerAuth(self._holder)
        self._on_session = on_session
        self._packages_per_order = 1

    def __repr__(self) -> str:
        return f"PartnerClient({self.base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool; call from inside the running loop."""
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        """True once `aclose` has run."""
        return self._http.is_closed

    @property
    def session(self) -> Session | None:
        """The signed-in session, if any (tokens stay in memory only)."""
        return self._holder.session

    async def login(
        self, username: str, password: str, *, facility: Facility | None = None
    ) -> UserInfo:
        """Sign in; raise `LoginRequired` for wrong credentials.

        With `facility`, a user of another facility raises `OtherFacilityUser`
        and the session stays as it was (their new tokens are dropped).
        """
        session = await self._authenticator.sign_in(username, password)
        if facility is not None and session.user.facility != facility:
            # TODO: their refresh token stays valid on the server until it
            # expires; the contract has no revocation endpoint to end it now.
            raise OtherFacilityUser(session.user.facility_name)
        self._holder.set(session)
        if self._on_session is not None:
            self._on_session(session)
        logger.info(
            "signed in as %s at facility %s",
            session.user.username,
            session.user.facility,
        )
        return session.user

    async def check_credentials(self, username: str, password: str) -> UserInfo:
        """Who these credentials belong to, leaving this client's session as it is.

        For a supervisor approving an override at somebody else's desk: the
        tokens the answer carries are dropped at once. Raises `LoginRequired`
        for wrong credentials.
        """
        # TODO: the supervisor's refresh token stays valid on the server until
        # it expires; the contract has no revocation endpoint to end it now.
        session = await self._authenticator.sign_in(username, password)
        return session.user

    async def resume(
        self,
        refresh_token: str,
        *,
        still_wanted: Callable[[UserInfo], bool] = lambda _user: True,
    ) -> UserInfo | None:
        """Start a session from a kept refresh token, without the password.

        `still_wanted` is asked once the answer is in, since the desk may
        have changed hands meanwhile: when it says no, the session is not
        installed and None is returned. The rotated refresh token is kept
        (`on_session`) either way, as the old one is spent.
        """
        session = await self._authenticator.refresh(refresh_token)
        if self._on_session is not None:
            self._on_session(session)
        if not still_wanted(session.user):
            return None
        self._holder.set(session)
        return session.user

    def logout(self) -> None:
        """Forget the session's tokens."""
        self._holder.set(None)

    async def list_orders(
        self, *, updated_since: str | None, cursor: str | None, limit: int = 200
    ) -> OrdersPage:
        """One page of the facility's orders changed since `updated_since`."""
        # The server charges a page by its packages: a page fits what the
        # last minute left, at the most packages an order has had so far.
        room = self.budget.room("entities")
        if room is not None:
            limit = max(1, min(limit, room // self._packages_per_order))
        params: dict[str, str | int] = {"limit": limit}
        if updated_since:
            params["updated_since"] = updated_since
        if cursor:
            params["cursor"] = cursor
        data = await self._call(
            "GET",
            "/orders",
            params=params,
            entities=1,
            reserve=limit * self._packages_per_order,
            charged=self._packages_in_page,
        )

        if not isinstance(data, dict) or not isinstance(data.get("orders"), list):
            raise ProtocolError("orders answer: expected an object with orders")
        next_cursor = data.get("next_cursor")
        server_time = data.get("server_time")
        return OrdersPage(
            orders=[order_from_json(item) for item in data["orders"]],
            next_cursor=next_cursor if isinstance(next_cursor, str) else None,
            server_time=server_time if isinstance(server_time, str) else None,
        )

    async def get_order(self, order_id: str) -> Order:
        """One order of the caller's facility."""
        data = await self._call(
            "GET",
            f"/orders/{quote(order_id, safe='')}",
            entities=1,
            reserve=self._packages_per_order,
            charged=lambda order: self._packages_in_page({"orders": [order]}),
        )
        return order_from_json(data)

    async def verify(self, token: str) -> Verification:
        """Ask the server about a token the cache does not know (token in the body)."""
        data = await self._call(
            "POST", "/packages/verify", json_body={"token": token}, entities=1
        )
        if not isinstance(data, dict) or not isinstance(data.get("package_id"), str):
            raise ProtocolError("verify answer: package_id required")
        return Verification(data["package_id"], order_from_json(data.get("order")))

    async def label_keys(self) -> list[LabelKey]:
        """The platform's public keys for signed labels, with their validity."""
        data = await self._call("GET", "/label-keys", entities=1)
        return label_keys_from_json(data)

    async def submit_receipts(
        self, items: Sequence[ReceiptItem]
    ) -> list[ReceiptResult]:
        """Send one batch; the answer has one result per item, in order."""
        if not 1 <= len(items) <= MAX_BATCH:
            raise ValueError(f"a batch holds 1 to {MAX_BATCH} receipts")
        sent = list(items)
        data = await self._call(
            "POST",
            "/receipts",
            json_body={"receipts": [item.to_json() for item in sent]},
            entities=len(sent),
        )
        return results_from_json(data, sent)

    async def _post_token_form(self, form: dict[str, str]) -> Any:
        return await self._call(
            "POST", "/auth/token", form=form, entities=0, bearer=False
        )

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        entities: int,
        reserve: int | None = None,
        charged: Callable[[Any], int | None] | None = None,
        bearer: bool = True,
    ) -> Any:
        # For reads the server charges by what they hold, `reserve` is what
        # they may cost and `charged` reads what they did from the answer.
        spend = await self.budget.acquire(
            requests=1, entities=entities, reserve=reserve
        )
        try:
            response = await self._http.request(
                method,
                path,
                params=params,
                json=json_body,
                data=form,
                auth=self._bearer if bearer else None,
            )
        except httpx.TimeoutException as error:
            raise TransportError(f"{method} {path}: timed out") from error
        except httpx.TransportError as error:
            tls = _tls_failure(error)
            if tls is not None:
                logger.warning("TLS failure talking to %s: %s", self.base_url, tls)
                raise TransportError(f"{method} {path}: TLS: {tls}") from error
            raise TransportError(f"{method} {path}: {type(error).__name__}") from error

        if response.status_code >= 400:
            if charged is not None:
                self.budget.settle(spend, entities)
            self.budget.update(response.headers)
            raise self._error(response, path)
        try:
            data = response.json()
        except (ValueError, UnicodeDecodeError) as error:
            self.budget.update(response.headers)
            raise ProtocolError(f"{method} {path}: the answer is not JSON") from error
        if charged is not None and (cost := charged(data)) is not None:
            self.budget.settle(spend, cost)
        self.budget.update(response.headers)
        return data

    def _packages_in_page(self, data: Any) -> int | None:
        # What the contract charged for a page of orders: its packages. An
        # answer of the wrong shape (refused later) keeps its reservation.
        try:
            per_order = [
                sum(
                    len(fulfillment["packages"])
                    for fulfillment in order["fulfillments"]
                )
                for order in data["orders"]
            ]
        except (KeyError, TypeError):
            return None
        self._packages_per_order = max([self._packages_per_order, *per_order])
        return sum(per_order)

    def _error(self, response: httpx.Response, path: str) -> ApiError:
        status = response.status_code
        problem = parse_problem(status, response.content)
        logger.info("%s answered %s %s", path.split("?")[0], status, problem.name)
        if status == 429:
            wait = parse_retry_after(response.headers.get("retry-after"))
            wait = 1.0 if wait is None else wait
            self.budget.block_for(wait)
            return RateLimited(problem, wait)
        if status >= 500:
            return ServerError(problem)
        if problem.name == "invalid-grant" or status == 401:
            return LoginRequired(problem)
        if status == 403:
            return WrongFacility(problem)
        if status == 404:
            return NotFound(problem)
        if status == 413:
            return BatchTooLarge(problem)
        return RequestRefused(problem)


def _tls_failure(error: BaseException) -> str | None:
    # httpx wraps the ssl module's error; the reason (an untrusted or expired
    # certificate, a wrong host name) is what an operator can act on.
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or "certificate not trusted"
        if isinstance(seen, ssl.SSLError):
            return seen.reason or type(seen).__name__
        seen = seen.__cause__ or seen.__context__
    return None
