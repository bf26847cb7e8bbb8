"""Every request the real client sends to a test sandbox, checked against the contract.

`ContractGuard.wrap` puts an ASGI middleware in front of a sandbox. For each
request whose User-Agent is the desk's own (`concierge-app/...`, set by
`PartnerClient`), it checks the request and the sandbox's answer against
`concierge_app/resources/openapi.yaml` with openapi-core, and records any
mismatch. The `sandbox_factory` fixture fails the test whose traffic broke
the contract. Requests made by tests themselves (the admin API, raw httpx
clients that send bad input on purpose) are not the client's and pass
unchecked; schemathesis covers the sandbox's answers to those.

Connections the fault switches reset have no answer to check; their
requests are still checked.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, ClassVar
from urllib.parse import parse_qsl

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CLIENT_AGENT = "concierge-app/"


@functools.cache
def contract() -> tuple[OpenAPI, str]:
    """The parsed contract and the server URL requests are matched against."""
    text = (resources.files("concierge_app") / "resources" / "openapi.yaml").read_text(
        encoding="utf-8"
    )
    spec = yaml.safe_load(text)
    # Problem details are JSON by RFC 9457; openapi-core knows only the
    # plain JSON media type by name.
    config = Config(
        extra_media_type_deserializers={"application/problem+json": json.loads}
    )
    return OpenAPI.from_dict(spec, config=config), str(spec["servers"][0]["url"])


@dataclass(slots=True)
class _Request:
    """A request in the shape openapi-core reads (its Request protocol)."""

    host_url: str
    path: str
    method: str
    body: bytes
    content_type: str
    parameters: RequestParameters


@dataclass(slots=True)
class _Response:
    """An answer in the shape openapi-core reads (its Response protocol)."""

    data: bytes
    status_code: int
    content_type: str
    headers: Headers


@dataclass
class ContractGuard:
    """Checks the client's traffic; `mismatches` says what broke the contract."""

    mismatches: list[str] = field(default_factory=list)
    checked: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    total_checked: ClassVar[int] = 0
    """Requests checked by every guard of this process (the soak reports it)."""

    def wrap(self, app: ASGIApp) -> ASGIApp:
        """The sandbox's app behind this guard."""

        async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or not _is_client(scope):
                await app(scope, receive, send)
                return
            body, whole = await _read_all(receive)
            answer: dict[str, Any] = {"body": b""}

            async def replay() -> Message:
                if not whole:
                    return {"type": "http.disconnect"}
                if "replayed" not in answer:
                    answer["replayed"] = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            async def keep(message: Message) -> None:
                if message["type"] == "http.response.start":
                    answer["status"] = message["status"]
                    answer["headers"] = message.get("headers", [])
                elif message["type"] == "http.response.body":
                    answer["body"] += message.get("body", b"")
                await send(message)

            await app(scope, replay, keep)
            if whole:
                # A client killed while sending (the kill loop does it) sent
                # no request to judge: the sandbox saw it disconnect.
                self._check(scope, body, answer)

        return guarded

    def _check(self, scope: Scope, body: bytes, answer: dict[str, Any]) -> None:
        openapi, server = contract()
        headers = Headers(
            [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        )
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        request = _Request(
            host_url=server,
            path=scope["path"],
            method=scope["method"].lower(),
            body=body,
            content_type=headers.get("content-type", ""),
            parameters=RequestParameters(
                query=ImmutableMultiDict(query),
                header=headers,
                cookie=ImmutableMultiDict(),
                path={},
            ),
        )
        where = f"{scope['method']} {scope['path']}"
        problems: list[str] = []
        try:
            openapi.validate_request(request)
        except Exception as error:  # noqa: BLE001 - every mismatch is reported
            problems.append(f"request {where}: {_explain(error)}")
        if "status" in answer:
            got = Headers(
                [
                    (k.decode("latin-1"), v.decode("latin-1"))
                    for k, v in answer["headers"]
                ]
            )
            response = _Response(
                data=answer["body"],
                status_code=answer["status"],
                content_type=got.get("content-type", ""),
                headers=got,
            )
            try:
                openapi.validate_response(request, response)
            except Exception as error:  # noqa: BLE001 - every mismatch is reported
                problems.append(
                    f"answer {answer['status']} to {where}: {_explain(error)}"
                )
        with self._lock:
            self.checked += 1
            ContractGuard.total_checked += 1
            self.mismatches += problems


def _is_client(scope: Scope) -> bool:
    if scope["path"].startswith("/_sandbox"):
        return False
    for name, value in scope["headers"]:
        if name == b"user-agent":
            return bool(value.decode("latin-1").startswith(CLIENT_AGENT))
    return False


async def _read_all(receive: Receive) -> tuple[bytes, bool]:
    # The body, and whether it came whole (False: the client disconnected).
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _explain(error: BaseException) -> str:
    # openapi-core chains the schema errors that say which member is wrong.
    parts = [f"{type(error).__name__}: {error}"]
    cause = error.__cause__ or error.__context__
    for nested in getattr(cause, "schema_errors", None) or []:
        parts.append(str(getattr(nested, "message", nested)))
    if cause is not None and not parts[1:]:
        parts.append(f"{type(cause).__name__}: {cause}")
    return "; ".join(parts)[:2000]
