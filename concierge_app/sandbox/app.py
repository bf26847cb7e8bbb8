"""The sandbox's HTTP routes: the partner API contract and the admin API.

Every partner request passes one gate (`Gate`) before its route: injected
latency and faults, the bearer token, and the rate budgets; the gate also
puts the rate-limit headers on every answer. Routes validate their input
strictly and answer problem+json with the contract's stable types. The
admin routes under /_sandbox/ skip the gate and answer loopback clients only.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import ipaddress
import json
import logging
import re
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import Facility
from concierge_app.domain.order_id import OrderIdError, parse_order_id
from concierge_app.sandbox import seed, transport, wire
from concierge_app.sandbox.config import RateBudget, SandboxConfig
from concierge_app.sandbox.faults import FaultDice, FaultSpecError
from concierge_app.sandbox.labels import LabelSigner
from concierge_app.sandbox.limits import RateLimitedError, RateLimiter, Window
from concierge_app.sandbox.state import (
    GrantError,
    Principal,
    ReceiptItem,
    SandboxState,
    refused,
)
from concierge_app.sandbox.traffic import TrafficLog

logger = logging.getLogger(__name__)

T = TypeVar("T")

PROBLEM = "urn:concierge:problem:"
MAX_BATCH = 100
MAX_ORDERS_PAGE = 1000
DEFAULT_ORDERS_PAGE = 200
_BODY_LIMIT = 1 << 20
_FORM_LIMIT = 16 << 10
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_PROTECTED = ("/orders", "/packages/", "/receipts", "/label-keys")

_TITLES = {
    "invalid-request": "The request is malformed",
    "invalid-grant": "The credentials or refresh token are not valid",
    "unauthorized": "A valid bearer token is required",
    "wrong-facility": "This belongs to another facility",
    "order-not-found": "No such order",
    "unknown-token": "No package has this token",
    "batch-too-large": "Too many receipts in one request",
    "rate-limited": "A rate budget is spent",
    "unavailable": "The service is unavailable",
    "not-found": "No such resource",
    "method-not-allowed": "This method is not allowed here",
    "forbidden": "Not allowed from this address",
}


class ProblemError(Exception):
    """An answer in problem+json; raised by routes, rendered in one place."""

    def __init__(
        self,
        status: int,
        name: str,
        detail: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.name = name
        self.detail = detail
        self.headers = headers or {}

    def response(self) -> Response:
        """The problem as an HTTP answer."""
        return problem_response(self.status, self.name, self.detail, self.headers)


def problem_response(
    status: int, name: str, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """An RFC 9457 answer with the contract's problem type."""
    body = {
        "type": PROBLEM + name,
        "title": _TITLES[name],
        "status": status,
        "detail": detail,
    }
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )


@dataclass(slots=True)
class Context:
    """What the gate learnt about a partner request, for its route."""

    principal: Principal | None
    window: Window
    latency: float
    drop_after_commit: bool


class Sandbox:
    """One running sandbox: its state, worker thread, budgets and switches."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        if config.state is None:
            self._tempdir = tempfile.TemporaryDirectory(prefix="concierge-sandbox-")
            path = Path(self._tempdir.name) / "sandbox.sqlite3"
        else:
            path = config.state
        self.state = SandboxState(
            path,
            seed_number=config.seed,
            bulk_packages=config.bulk_packages,
            access_ttl=config.access_ttl,
            refresh_ttl=config.refresh_ttl,
            refresh_grace=config.refresh_grace,
        )
        # One worker thread: every state call is one step, in arrival order,
        # and the event loop never waits on SQLite.
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="sandbox-state")
        self.limiter = RateLimiter(config.budget)
        self.dice = FaultDice(config.faults, config.seed)
        self.signer = LabelSigner(config.seed)
        self.in_flight: set[str] = set()
        self.traffic = TrafficLog()

    async def run(self, call: Callable[..., T], *args: Any) -> T:
        """Run one state call on the worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, lambda: call(*args))

    def close(self) -> None:
        """Stop the worker and close the state (removing a temporary one)."""
        self._worker.shutdown(wait=True)
        self.state.close()
        if self._tempdir is not None:
            self._tempdir.cleanup()


# -- the gate ------------------------------------------------------------------


class Gate:
    """Faults, authentication and rate budgets in front of every partner route."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            if not _is_loopback(scope):
                await problem_response(
                    403, "forbidden", "the admin API answers loopback clients only"
                )(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        await self._partner(scope, receive, send)

    async def _partner(self, scope: Scope, receive: Receive, send: Send) -> None:
        sandbox = self.sandbox
        dice = sandbox.dice
        key = "addr:" + _client_host(scope)
        visit = sandbox.traffic.arrived(key, scope["method"], scope["path"])
        charged: tuple[Window, int] | None = None
        given = send

        async def noted(message: Message) -> None:
            if message["type"] == "http.response.start":
                retry_after = None
                for name, value in message.get("headers", []):
                    if name.lower() == b"retry-after" and value.isdigit():
                        retry_after = int(value)
                used = charged[0].entities - charged[1] if charged else 0
                sandbox.traffic.answered(visit, message["status"], retry_after, used)
            await given(message)

        send = noted
        is_receipts = scope["path"] == "/receipts" and scope["method"] == "POST"
        latency = dice.faults.latency_ms / 1000
        if latency and not is_receipts:
            await asyncio.sleep(latency)

        if dice.reset() and await transport.reset(scope):
            logger.info("Fault: connection reset on %s", scope["path"])
            return

        principal: Principal | None = None
        protected = scope["path"].startswith(_PROTECTED)
        bearer = _bearer(scope) if protected else None
        if bearer:
            principal = await sandbox.run(sandbox.state.principal, bearer)
            if principal is not None:
                key = visit.key = principal.rate_key

        error_status = dice.error_status()
        if error_status is not None:
            window = sandbox.limiter.window(key)
            await problem_response(
                error_status,
                "unavailable",
                "injected fault: the service is unavailable, retry later",
                sandbox.limiter.headers(window),
            )(scope, receive, send)
            return

        throttled = dice.throttle()
        if throttled is not None:
            headers = sandbox.limiter.headers(sandbox.limiter.window(key))
            headers["Retry-After"] = str(throttled)
            await problem_response(
                429,
                "rate-limited",
                f"injected fault: throttled; retry after {throttled} s",
                headers,
            )(scope, receive, send)
            return

        try:
            window = sandbox.limiter.admit(key)
        except RateLimitedError as limited:
            await self._limited(limited, sandbox.limiter.window(key))(
                scope, receive, send
            )
            return
        charged = (window, window.entities)

        if protected and principal is None:
            headers = sandbox.limiter.headers(window)
            headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            detail = (
                "the bearer token is missing or malformed"
                if not bearer
                else "the bearer token is not valid or has expired"
            )
            await problem_response(401, "unauthorized", detail, headers)(
                scope, receive, send
            )
            return

        scope["sandbox.context"] = Context(
            principal=principal,
            window=window,
            latency=latency if is_receipts else 0.0,
            drop_after_commit=is_receipts and dice.drop_after_commit(),
        )

        async def send_with_budget(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = sandbox.limiter.headers(window)
                headers = list(message.get("headers", []))
                headers += [
                    (name.lower().encode("latin-1"), value.encode("latin-1"))
                    for name, value in extra.items()
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_budget)

    def _limited(self, limited: RateLimitedError, window: Window) -> Response:
        headers = self.sandbox.limiter.headers(window)
        headers["Retry-After"] = str(limited.retry_after)
        return problem_response(
            429,
            "rate-limited",
            f"{limited}; retry after {limited.retry_after} s",
            headers,
        )


def _client_host(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _is_loopback(scope: Scope) -> bool:
    try:
        return ipaddress.ip_address(_client_host(scope)).is_loopback
    except ValueError:
        return False


def _bearer(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            credentials = credentials.strip()
            if scheme.lower() == "bearer" and credentials and " " not in credentials:
                return str(credentials)
            return None
    return None


# -- route plumbing ------------------------------------------------------------

Handler = Callable[[Request, Sandbox], Awaitable[Response]]


def _route(
    handler: Handler, sandbox: Sandbox, query: frozenset[str]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            _check_query(request, query)
            return await handler(request, sandbox)
        except ProblemError as problem:
            return problem.response()
        except RateLimitedError as limited:
            headers = {"Retry-After": str(limited.retry_after)}
            return problem_response(
                429,
                "rate-limited",
                f"{limited}; retry after {limited.retry_after} s",
                headers,
            )
        except Exception:
            logger.exception("Sandbox route %s failed", request.url.path)
            return problem_response(500, "unavailable", "internal error in the sandbox")

    return endpoint


def _check_query(request: Request, allowed: frozenset[str]) -> None:
    # A strict service names a parameter it does not know instead of
    # silently ignoring what may be a client's typo.
    for name, _ in request.query_params.multi_items():
        if name not in allowed:
            raise _invalid(f"{name or '(empty)'}: is not a query parameter here")
    for name in allowed:
        if len(request.query_params.getlist(name)) > 1:
            raise _invalid(f"{name}: is given more than once")


def _context(request: Request) -> Context:
    context: Context = request.scope["sandbox.context"]
    return context


def _principal(request: Request) -> Principal:
    principal = _context(request).principal
    if principal is None:  # the gate refuses such requests; never reached
        raise ProblemError(401, "unauthorized", "a bearer token is required")
    return principal


async def _read_body(request: Request, limit: int, *, too_large: ProblemError) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def _json_object(request: Request) -> dict[str, Any]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise ProblemError(422, "invalid-request", "the body must be application/json")
    body = await _read_body(
        request,
        _BODY_LIMIT,
        too_large=ProblemError(413, "batch-too-large", "the body is larger than 1 MiB"),
    )
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProblemError(
            422, "invalid-request", "the body is not valid JSON"
        ) from None
    if not isinstance(value, dict):
        raise ProblemError(422, "invalid-request", "the body must be a JSON object")
    return value


def _invalid(detail: str) -> ProblemError:
    return ProblemError(400, "invalid-request", detail)


# -- POST /auth/token ----------------------------------------------------------


async def auth_token(request: Request, sandbox: Sandbox) -> Response:
    """The Authentication service: password and refresh_token grants."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        raise _invalid("the body must be application/x-www-form-urlencoded")
    body = await _read_body(
        request, _FORM_LIMIT, too_large=_invalid("the form is larger than 16 KiB")
    )
    try:
        form = parse_qs(body.decode("ascii"), keep_blank_values=True, max_num_fields=16)
    except (UnicodeDecodeError, ValueError):
        raise _invalid("the form is not valid url-encoded text") from None

    grant_type = _form_field(form, "grant_type")
    workstation = _form_field(form, "client_id")
    try:
        if grant_type == "password":
            username = _form_field(form, "username")
            password = _form_field(form, "password")
            grant = await sandbox.run(
                sandbox.state.password_grant, username, password, workstation
            )
        elif grant_type == "refresh_token":
            refresh = _form_field(form, "refresh_token")
            grant = await sandbox.run(sandbox.state.refresh_grant, refresh, workstation)
        else:
            raise _invalid("grant_type: must be password or refresh_token")
    except GrantError as error:
        raise ProblemError(400, "invalid-grant", str(error)) from None

    logger.info("Sandbox login: %s at %s", grant.user["username"], workstation)
    if (
        grant_type == "refresh_token"
        and sandbox.dice.drop_refresh()
        and await transport.reset(request.scope)
    ):
        logger.info("Fault: refresh token rotated, answer dropped")
    return JSONResponse(
        grant.to_json(wire.now_us()),
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


def _form_field(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name)
    if not values or not values[0]:
        raise _invalid(f"{name}: is required")
    if len(values) > 1:
        raise _invalid(f"{name}: is given more than once")
    value = values[0]
    if len(value) > 256 or not value.isprintable():
        raise _invalid(f"{name}: must be printable and at most 256 characters")
    return value


# -- GET /orders, GET /orders/{order_id} ----------------------------------------


async def list_orders(request: Request, sandbox: Sandbox) -> Response:
    """A page of the caller's facility's orders, oldest change first."""
    principal = _principal(request)
    params = request.query_params
    since_us = None
    if "updated_since" in params:
        try:
            since_us = wire.parse_time(params["updated_since"])
        except ValueError as error:
            raise _invalid(f"updated_since: {error}") from None
    after = _decode_cursor(params["cursor"]) if "cursor" in params else None
    limit = DEFAULT_ORDERS_PAGE
    if "limit" in params:
        text = params["limit"]
        if not text.isascii() or not text.isdigit() or len(text) > 5:
            raise _invalid("limit: must be a whole number from 1 to 1000")
        limit = int(text)
        if not 1 <= limit <= MAX_ORDERS_PAGE:
            raise _invalid("limit: must be a whole number from 1 to 1000")

    window = _context(request).window
    room = sandbox.limiter.entities_left(window)
    page, next_key, entities, server_time = await sandbox.run(
        lambda: sandbox.state.orders_page(
            principal.facility,
            since_us=since_us,
            after=after,
            limit=limit,
            entity_room=room,
        )
    )
    sandbox.limiter.charge(window, entities)
    return JSONResponse(
        {
            "orders": page,
            "next_cursor": _encode_cursor(next_key) if next_key else None,
            "server_time": wire.iso(server_time),
        }
    )


def _encode_cursor(key: tuple[int, str]) -> str:
    raw = f"{key[0]}.{key[1]}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode_cursor(text: str) -> tuple[int, str]:
    problem = _invalid("cursor: is not a cursor this server gave")
    if not text or len(text) > 120 or not text.isascii():
        raise problem
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise problem from None
    stamp, sep, order_id = raw.partition(".")
    if not sep or not stamp.isdigit():
        raise problem
    try:
        parse_order_id(order_id)
    except OrderIdError:
        raise problem from None
    return int(stamp), order_id


async def get_order(request: Request, sandbox: Sandbox) -> Response:
    """One order of the caller's facility."""
    principal = _principal(request)
    text = request.path_params["order_id"]
    try:
        order_id = str(parse_order_id(text))
    except OrderIdError as error:
        raise _invalid(f"order_id: the {error.segment} {error.reason}") from None

    order = await sandbox.run(sandbox.state.order, order_id)
    if order is None:
        raise ProblemError(404, "order-not-found", f"no order {order_id}")
    _check_facility(order, principal, "order")
    packages = sum(len(f["packages"]) for f in order["fulfillments"])
    sandbox.limiter.charge(_context(request).window, packages)
    return JSONResponse(order)


def _check_facility(order: dict[str, Any], principal: Principal, what: str) -> None:
    facility = Facility(order["facility"]["tenant"], order["facility"]["partner"])
    if facility != principal.facility:
        # Say nothing else about another facility's order.
        raise ProblemError(
            403, "wrong-facility", f"this {what} belongs to another facility"
        )


# -- GET /label-keys ------------------------------------------------------------


async def label_keys(request: Request, sandbox: Sandbox) -> Response:
    """The public keys that sign package labels, each with when it is in use."""
    _principal(request)
    keys = sandbox.signer.keys_json()
    sandbox.limiter.charge(_context(request).window, len(keys))
    return JSONResponse({"keys": keys})


# -- POST /packages/verify -----------------------------------------------------


async def verify_package(request: Request, sandbox: Sandbox) -> Response:
    """The package a token belongs to, with its order, or why not."""
    principal = _principal(request)
    body = await _json_object(request)
    raw = body.get("token")
    if not isinstance(raw, str) or not raw or len(raw) > 64:
        raise ProblemError(
            422, "invalid-request", "token: must be a string of at most 64 characters"
        )
    normalised = token_scheme.normalise(raw)
    if not token_scheme.is_valid(normalised):
        shaped = len(normalised) == token_scheme.TOKEN_LENGTH and all(
            symbol in token_scheme.ALPHABET for symbol in normalised
        )
        detail = (
            "token: the check symbol does not match"
            if shaped
            else "token: is not a security token"
        )
        raise ProblemError(422, "invalid-request", detail)

    sandbox.limiter.charge(_context(request).window, 1)
    found = await sandbox.run(
        sandbox.state.package_by_digest, token_scheme.digest(normalised)
    )
    if found is None:
        raise ProblemError(404, "unknown-token", "no package has this token")
    package_id, order_id, _ = found
    order = await sandbox.run(sandbox.state.order, order_id)
    if order is None:
        raise ProblemError(404, "unknown-token", "no package has this token")
    _check_facility(order, principal, "package")
    return JSONResponse({"package_id": package_id, "order": order})


# -- POST /receipts ------------------------------------------------------------


async def post_receipts(request: Request, sandbox: Sandbox) -> Response:
    """Register a batch of receipts; one result per item, in order."""
    principal = _principal(request)
    context = _context(request)
    body = await _json_object(request)
    items = body.get("receipts")
    if not isinstance(items, list) or not items:
        raise ProblemError(
            422, "invalid-request", "receipts: must be a list of 1 to 100 receipts"
        )
    if len(items) > MAX_BATCH:
        raise ProblemError(
            413, "batch-too-large", f"{len(items)} receipts; at most {MAX_BATCH}"
        )
    sandbox.limiter.charge(context.window, len(items))

    prepared: list[ReceiptItem | dict[str, Any]] = []
    claimed: set[str] = set()
    busy_digests: list[str] = []
    for raw in items:
        item = _receipt_item(raw, principal)
        if isinstance(item, ReceiptItem):
            if item.receipt_id in sandbox.in_flight and item.receipt_id not in claimed:
                busy_digests.append(item.token_sha256)
                prepared.append(
                    {
                        "receipt_id": item.receipt_id,
                        "version": item.version,
                        "status": "in_progress",
                    }
                )
                continue
            claimed.add(item.receipt_id)
            sandbox.in_flight.add(item.receipt_id)
        prepared.append(item)

    try:
        if context.latency:
            await asyncio.sleep(context.latency)
        results = await sandbox.run(
            sandbox.state.submit, principal, prepared, busy_digests
        )
    finally:
        sandbox.in_flight.difference_update(claimed)

    if context.drop_after_commit and await transport.reset(request.scope):
        logger.info("Fault: receipts committed, answer dropped")
    return JSONResponse({"results": results})


def _receipt_item(raw: object, principal: Principal) -> ReceiptItem | dict[str, Any]:
    if not isinstance(raw, dict):
        return refused(None, None, "invalid-request", "the receipt is not an object")
    receipt_id, version = raw.get("receipt_id"), raw.get("version")

    def bad(detail: str) -> dict[str, Any]:
        return refused(receipt_id, version, "invalid-request", detail)

    if not isinstance(receipt_id, str) or not _UUID.fullmatch(receipt_id):
        return bad("receipt_id: must be a lower-case UUID")
    if type(version) is not int or not 1 <= version <= 2**31 - 1:
        return bad("version: must be a whole number of at least 1")
    digest = raw.get("token_sha256")
    if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
        return bad("token_sha256: must be 64 lower-case hex digits")
    proof = raw.get("proof")
    if not isinstance(proof, str) or not _HEX64.fullmatch(proof):
        return bad("proof: must be 64 lower-case hex digits")
    received_at = raw.get("received_at")
    try:
        received_us = wire.parse_time(received_at)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return bad("received_at: must be an RFC 3339 time with an offset")
    texts: dict[str, str] = {}
    for name in ("received_by", "workstation_id"):
        value = raw.get(name)
        if not isinstance(value, str) or not value or len(value) > 128:
            return bad(f"{name}: must be a string of 1 to 128 characters")
        texts[name] = value
    condition = raw.get("condition")
    if condition not in ("intact", "damaged"):
        return bad("condition: must be intact or damaged")
    note = raw.get("note", "")
    if not isinstance(note, str) or len(note) > 500:
        return bad("note: must be a string of at most 500 characters")
    override_by = raw.get("override_by")
    if override_by is not None and (
        not isinstance(override_by, str) or not override_by or len(override_by) > 128
    ):
        return bad("override_by: must be a username or null")
    override_note = raw.get("override_note")
    if override_note is not None and (
        not isinstance(override_note, str) or len(override_note) > 500
    ):
        return bad("override_note: must be a string of at most 500 characters or null")
    return ReceiptItem(
        receipt_id=receipt_id,
        version=version,
        token_sha256=digest,
        proof=proof,
        received_us=received_us,
        received_by=texts["received_by"],
        workstation_id=texts["workstation_id"],
        condition=str(condition),
        note=note,
        override_by=override_by,
        override_note=override_note,
    )


# -- admin API -----------------------------------------------------------------


async def admin_tokens(request: Request, sandbox: Sandbox) -> Response:
    """Every seeded package with its token and the verdict due at a facility."""
    text = request.query_params.get("facility", "1")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 10**6:
        raise _invalid("facility: must be a partner number")
    facility = Facility(seed.TENANT, int(text))
    return JSONResponse(await sandbox.run(sandbox.state.tokens, facility))


async def admin_labels(request: Request, sandbox: Sandbox) -> Response:
    """Every seeded package as `admin_tokens` lists it, with its signed label
    and the demo scenario its order plays, if any."""
    text = request.query_params.get("facility", "1")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 10**6:
        raise _invalid("facility: must be a partner number")
    facility = Facility(seed.TENANT, int(text))

    def listing() -> list[dict[str, Any]]:
        issued = sandbox.state.issue_times()
        scenarios = {seed.scenario_order_id(name): name for name in seed.SCENARIOS}
        return [
            {
                **sandbox.signer.sign(package, issued[package["fulfillment_id"]]),
                "scenario": scenarios.get(package["order_id"]),
            }
            for package in sandbox.state.tokens(facility)
        ]

    return JSONResponse(await sandbox.run(listing))


async def admin_capture(request: Request, sandbox: Sandbox) -> Response:
    """A boutique captures one more fulfillment now (as `--simulate` does)."""
    order_id = await sandbox.run(sandbox.state.simulate_capture)
    return JSONResponse({"order_id": order_id})


async def admin_receipts(request: Request, sandbox: Sandbox) -> Response:
    """Every receipt stored, and the registration attempts per package."""
    return JSONResponse(await sandbox.run(sandbox.state.receipts))


async def admin_faults(request: Request, sandbox: Sandbox) -> Response:
    """Read or change the fault switches."""
    if request.method == "PUT":
        body = await _admin_body(request)
        try:
            sandbox.dice.faults = sandbox.dice.faults.updated(body)
        except FaultSpecError as error:
            raise ProblemError(422, "invalid-request", str(error)) from None
        logger.info("Sandbox faults now %s", sandbox.dice.faults.to_json())
    return JSONResponse(sandbox.dice.faults.to_json())


async def admin_traffic(request: Request, sandbox: Sandbox) -> Response:
    """Every partner request so far (GET), or forget them (DELETE)."""
    if request.method == "DELETE":
        sandbox.traffic.clear()
    return JSONResponse(sandbox.traffic.to_json())


async def admin_limits(request: Request, sandbox: Sandbox) -> Response:
    """Read or change the rate budgets; a change starts fresh windows."""
    budget = sandbox.limiter.budget
    if request.method == "PUT":
        body = await _admin_body(request)
        values = {
            "requests_per_minute": budget.requests_per_minute,
            "entities_per_minute": budget.entities_per_minute,
        }
        for name, value in body.items():
            if name not in values:
                raise ProblemError(422, "invalid-request", f"unknown limit {name!r}")
            if type(value) is not int or value < 1:
                raise ProblemError(
                    422, "invalid-request", f"{name}: must be at least 1"
                )
            values[name] = value
        sandbox.limiter = RateLimiter(RateBudget(**values))
        budget = sandbox.limiter.budget
    return JSONResponse(
        {
            "requests_per_minute": budget.requests_per_minute,
            "entities_per_minute": budget.entities_per_minute,
        }
    )


async def admin_revoke(request: Request, sandbox: Sandbox) -> Response:
    """Revoke a user's refresh tokens, and the user when asked."""
    body = await _admin_body(request)
    username = body.get("username")
    if not isinstance(username, str) or not username:
        raise ProblemError(422, "invalid-request", "username: is required")
    whole_user = body.get("user", False) is True
    if not await sandbox.run(lambda: sandbox.state.revoke(username, user=whole_user)):
        raise ProblemError(404, "not-found", f"no user {username!r}")
    return JSONResponse({"username": username, "user_revoked": whole_user})


async def admin_users(request: Request, sandbox: Sandbox) -> Response:
    """Create or replace a user, so tests can log in with a password of their own."""
    body = await _admin_body(request)
    username, password = body.get("username"), body.get("password")
    role, partner = body.get("role", "concierge"), body.get("partner", 1)
    if not isinstance(username, str) or not username:
        raise ProblemError(422, "invalid-request", "username: is required")
    if not isinstance(password, str) or not password:
        raise ProblemError(422, "invalid-request", "password: is required")
    if role not in ("concierge", "supervisor"):
        raise ProblemError(422, "invalid-request", "role: concierge or supervisor")
    if not isinstance(partner, int) or isinstance(partner, bool) or partner < 1:
        raise ProblemError(422, "invalid-request", "partner: a positive integer")
    name = body.get("display_name")
    display_name = name if isinstance(name, str) and name else username

    await sandbox.run(
        lambda: sandbox.state.add_user(
            username,
            password,
            display_name=display_name,
            role=role,
            facility=Facility(1, partner),
        )
    )
    return JSONResponse({"username": username, "role": role, "partner": partner})


async def admin_expire(request: Request, sandbox: Sandbox) -> Response:
    """Make every access token issued so far expire now."""
    expired = await sandbox.run(sandbox.state.expire_access_tokens)
    return JSONResponse({"expired": expired})


async def admin_contract(request: Request, sandbox: Sandbox) -> Response:
    """The OpenAPI contract this sandbox implements."""
    text = (
        resources.files("concierge_app")
        .joinpath("resources/openapi.yaml")
        .read_text("utf-8")
    )
    return PlainTextResponse(text, media_type="application/yaml")


async def _admin_body(request: Request) -> dict[str, Any]:
    body = await _read_body(
        request, _FORM_LIMIT, too_large=_invalid("the body is larger than 16 KiB")
    )
    try:
        value = json.loads(body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProblemError(
            422, "invalid-request", "the body is not valid JSON"
        ) from None
    if not isinstance(value, dict):
        raise ProblemError(422, "invalid-request", "the body must be a JSON object")
    return value


# -- the application -----------------------------------------------------------


async def _not_found(request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, HTTPException) else 500
    if status == 405:
        allow = dict(getattr(error, "headers", None) or {}).get("Allow", "")
        return problem_response(
            405,
            "method-not-allowed",
            f"{request.method} is not allowed here",
            {"Allow": allow} if allow else None,
        )
    if status == 404:
        return problem_response(404, "not-found", f"no resource at {request.url.path}")
    return problem_response(status, "unavailable", "the request could not be served")


def build_app(sandbox: Sandbox) -> ASGIApp:
    """The sandbox's ASGI application: the gate in front of every route."""

    def route(
        path: str, handler: Handler, methods: list[str], query: Iterable[str] = ()
    ) -> Route:
        return Route(path, _route(handler, sandbox, frozenset(query)), methods=methods)

    routes = [
        route("/auth/token", auth_token, ["POST"]),
        route("/orders", list_orders, ["GET"], ["updated_since", "cursor", "limit"]),
        route("/orders/{order_id}", get_order, ["GET"]),
        route("/packages/verify", verify_package, ["POST"]),
        route("/receipts", post_receipts, ["POST"]),
        route("/label-keys", label_keys, ["GET"]),
        route("/_sandbox/tokens", admin_tokens, ["GET"], ["facility"]),
        route("/_sandbox/labels", admin_labels, ["GET"], ["facility"]),
        route("/_sandbox/capture", admin_capture, ["POST"]),
        route("/_sandbox/receipts", admin_receipts, ["GET"]),
        route("/_sandbox/faults", admin_faults, ["GET", "PUT"]),
        route("/_sandbox/traffic", admin_traffic, ["GET", "DELETE"]),
        route("/_sandbox/limits", admin_limits, ["GET", "PUT"]),
        route("/_sandbox/revoke", admin_revoke, ["POST"]),
        route("/_sandbox/users", admin_users, ["POST"]),
        route("/_sandbox/expire-access-tokens", admin_expire, ["POST"]),
        route("/_sandbox/openapi.yaml", admin_contract, ["GET"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = None
        if sandbox.config.simulate:
            task = asyncio.create_task(_simulate(sandbox))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _not_found},
        lifespan=lifespan,
    )
    return Gate(app, sandbox)


async def _simulate(sandbox: Sandbox) -> None:
    # Boutiques keep capturing new shipments, so a running demo gets arrivals.
    while True:
        await asyncio.sleep(sandbox.config.simulate_interval)
        try:
            order_id = await sandbox.run(sandbox.state.simulate_capture)
        except Exception:
            logger.exception("Simulated capture failed; the simulation stops")
            return
        logger.info("Simulated capture: order %s", order_id)
