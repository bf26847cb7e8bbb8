"""The sandbox's listening socket."""

from __future__ import annotations

import socket

from concierge_app.sandbox.server import bind


def test_the_listening_socket_is_tcp_so_asyncio_turns_nagle_off() -> None:
    # asyncio sets TCP_NODELAY only on sockets whose protocol is IPPROTO_TCP;
    # with Nagle on, every keep-alive answer waited 40 ms for a delayed ACK.
    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
