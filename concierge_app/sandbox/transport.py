"""Reach under ASGI to the TCP connection, so a fault can reset it.

ASGI gives an application no way to drop a connection without an answer,
yet a reset is the fault a desk on a hotel network meets most. The sandbox
runs uvicorn with its h11 protocol, subclassed here only to remember each
connection's transport by its peer address (the `client` of the ASGI
scope); `reset` aborts it with SO_LINGER 0, so the peer sees a TCP RST.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import struct
from collections.abc import MutableMapping
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger(__name__)

_transports: dict[tuple[Any, Any], asyncio.Transport] = {}


class ResettableH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, registering its transport while it is open."""

    def connection_made(  # type: ignore[override]
        self, transport: asyncio.Transport
    ) -> None:
        super().connection_made(transport)
        _transports[(self.server, self.client)] = transport

    def connection_lost(self, exc: Exception | None) -> None:
        _transports.pop((self.server, self.client), None)
        super().connection_lost(exc)


async def reset(scope: MutableMapping[str, Any]) -> bool:
    """Reset the connection this request came on; False if it is unknown."""
    key = (scope.get("server"), scope.get("client"))
    transport = _transports.pop(key, None)
    if transport is None:
        return False

    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
        except OSError:
            logger.debug("SO_LINGER refused; the reset becomes a plain close")
    transport.abort()

    # Let the protocol learn of the loss before the application returns, so
    # uvicorn does not try to answer on the closed connection.
    for _ in range(3):
        await asyncio.sleep(0)
    return True
