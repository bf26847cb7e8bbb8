"""Run the sandbox: in the foreground for the command line, or in-process.

`serve` is what `concierge-app sandbox serve` runs: it announces its URL
once it accepts connections and stops cleanly on SIGINT or SIGTERM.
`SandboxServer` runs the same server on a background thread, on loopback
and a free port, for `--demo` and for tests:

    with SandboxServer() as server:
        httpx.get(server.url + "/_sandbox/tokens")
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable, Generator
from types import TracebackType
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from concierge_app.sandbox.app import Sandbox, build_app
from concierge_app.sandbox.config import LOOPBACK, SandboxConfig
from concierge_app.sandbox.transport import ResettableH11Protocol

logger = logging.getLogger(__name__)

_START_TIMEOUT = 30.0


class SandboxStartError(RuntimeError):
    """The sandbox could not start; the message says why."""


class _Server(uvicorn.Server):
    # Signals are ours to handle (foreground) or not ours at all (a thread);
    # uvicorn's own handling would re-raise them after shutdown.
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def _uvicorn(
    sandbox: Sandbox, middleware: Callable[[ASGIApp], ASGIApp] | None = None
) -> _Server:
    app = build_app(sandbox)
    config = uvicorn.Config(
        app if middleware is None else middleware(app),
        http=ResettableH11Protocol,
        ws="none",
        lifespan="on",
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    return _Server(config)


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket on host:port (port 0 picks a free one)."""
    address = LOOPBACK if host == "localhost" else host
    try:
        family = (
            socket.AF_INET6
            if ipaddress.ip_address(address).version == 6
            else socket.AF_INET
        )
    except ValueError:
        raise SandboxStartError(f"{host} is not an IP address") from None
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on
    # sockets that say they are TCP, and an answer's body written after its
    # headers would otherwise wait for the client's delayed ACK, 40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
    except OSError as error:
        sock.close()
        raise SandboxStartError(f"cannot listen on {host}:{port}: {error}") from None
    return sock


def url_of(sock: socket.socket) -> str:
    """The base URL of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(config: SandboxConfig, announce: Callable[[str], None]) -> None:
    """Run in the foreground until SIGINT or SIGTERM; `announce` gets the URL
    once connections are accepted."""
    sandbox = Sandbox(config)
    try:
        sock = bind(config.host, config.port)
        server = _uvicorn(sandbox)
        asyncio.run(_serve_until_signal(server, sock, announce))
    finally:
        sandbox.close()


async def _serve_until_signal(
    server: _Server, sock: socket.socket, announce: Callable[[str], None]
) -> None:
    loop = asyncio.get_running_loop()

    def stop() -> None:
        if server.should_exit:
            server.force_exit = True
        server.should_exit = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop)

    url = url_of(sock)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not task.done():
        await asyncio.wait([task], timeout=0.01)
    if server.started:
        announce(url)
    try:
        await task
    except SystemExit:
        raise SandboxStartError("the sandbox failed to start (see the log)") from None
    finally:
        sock.close()


class SandboxServer:
    """The sandbox on a background thread, for the demo and for tests.

    Listens on 127.0.0.1 and a free port unless the config says otherwise;
    with no `state` the data lives in a temporary file removed on stop. Use
    it as a (sync) context manager, or `await start()` / `await stop()`
    from async code; `url` is the base URL once started.
    """

    def __init__(
        self,
        config: SandboxConfig | None = None,
        *,
        middleware: Callable[[ASGIApp], ASGIApp] | None = None,
        **changes: Any,
    ) -> None:
        base = config if config is not None else SandboxConfig(port=0)
        self.config = dataclasses.replace(base, **changes)
        # Tests wrap the app, e.g. to check the traffic against the contract.
        self.middleware = middleware
        self.sandbox: Sandbox | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._url: str | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:41234 (after start)."""
        if self._url is None:
            raise RuntimeError("the sandbox is not started")
        return self._url

    def start_sync(self) -> None:
        """Seed, bind and serve on a background thread; return once it accepts
        connections."""
        if self._thread is not None:
            raise RuntimeError("the sandbox is already started")
        self.sandbox = Sandbox(self.config)
        try:
            sock = bind(self.config.host, self.config.port)
        except BaseException:
            self.sandbox.close()
            self.sandbox = None
            raise
        self._url = url_of(sock)
        self._server = _uvicorn(self.sandbox, self.middleware)
        self._thread = threading.Thread(
            target=self._run, args=(sock,), name="sandbox-server", daemon=True
        )
        self._thread.start()

        while not self._server.started:
            if not self._thread.is_alive():
                self.stop_sync()
                raise SandboxStartError(f"the sandbox did not start: {self._failure}")
            time.sleep(0.01)
        logger.info("Sandbox running at %s", self._url)

    def _run(self, sock: socket.socket) -> None:
        server = self._server
        try:
            if server is not None:
                server.run(sockets=[sock])
        except BaseException as error:  # noqa: BLE001 - reported by start_sync
            self._failure = error
        finally:
            sock.close()

    def stop_sync(self) -> None:
        """Stop serving, wait for the thread, close the state."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(_START_TIMEOUT)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(_START_TIMEOUT)
        if self.sandbox is not None:
            self.sandbox.close()
        self.sandbox = None
        self._server = None
        self._thread = None

    async def start(self) -> None:
        """`start_sync` without blocking the caller's event loop."""
        await asyncio.to_thread(self.start_sync)

    async def stop(self) -> None:
        """`stop_sync` without blocking the caller's event loop."""
        await asyncio.to_thread(self.stop_sync)

    def __enter__(self) -> SandboxServer:
        self.start_sync()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop_sync()

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
