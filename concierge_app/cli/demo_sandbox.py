"""The demo's in-process sandbox, started after the desk window shows.

`concierge-app --demo` shows its login page first. Starting the sandbox
(importing starlette and uvicorn, seeding the demo data) and fetching the
Demo menu's samples take longer than the window does, so they run in one
worker thread of their own, in order: the login page's note, the server,
then the samples. The loop's thread only waits for each result; a login
typed meanwhile waits in the desk's `LateCore` until the client for the
sandbox is open.

Its own thread, not the loop's default executor: under qasync that is a
pool of QThreads, which Qt complains about if one is still running at exit.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

# Before httpx is first imported here: httpx without its command line.
import concierge_app.api  # noqa: F401

if TYPE_CHECKING:
    from concierge_app.sandbox.server import SandboxServer
    from concierge_app.ui.demo_words import DemoNote
    from concierge_app.ui.main_window import DemoSample

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEMO_VERDICTS = (
    "accepted",
    "already_received",
    "wrong_facility",
    "not_captured",
    "released_early",
)
"""The verdicts the Demo menu has a sample of, in its order."""


class DemoStartError(RuntimeError):
    """The demo sandbox could not start; the message says why, in words."""


class DemoSandbox:
    """The demo's sandbox and its data, made in a worker thread on request.

    `note`, `start` and `samples` each run in the worker, in the order they
    are asked for; `close` waits for the worker, then stops the server.
    """

    def __init__(self, folder: Path, *, kept: bool) -> None:
        self.folder = folder
        """The demo's data folder: the sandbox's state, and the desk's store."""
        self.kept = kept
        self.url: str | None = None
        """The sandbox's base URL, once it is started."""
        self._server: SandboxServer | None = None
        self._worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="demo-sandbox"
        )

    async def note(self) -> DemoNote:
        """What the login page tells a person trying the demo."""
        return await self._in_worker(self._note)

    async def start(self) -> str:
        """Seed the sandbox and serve it on loopback; return its base URL.

        Raises `DemoStartError` when it cannot start.
        """
        return await self._in_worker(self._start)

    async def samples(self) -> list[DemoSample]:
        """The Demo menu's samples; none when the sandbox cannot give them."""
        return await self._in_worker(self._samples)

    def close(self) -> None:
        """Wait for the worker's last step, then stop the sandbox."""
        self._worker.shutdown(wait=True, cancel_futures=True)
        if self._server is not None:
            self._server.stop_sync()
            self._server = None

    async def _in_worker(self, step: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, step)

    def _note(self) -> DemoNote:
        from concierge_app.sandbox.seed import FACILITY_NAMES, USERS
        from concierge_app.ui.demo_words import DemoNote, DemoUser

        return DemoNote(
            users=tuple(
                DemoUser(
                    username=user.username,
                    display_name=user.display_name,
                    supervisor=user.role == "supervisor",
                    facility_name=FACILITY_NAMES[user.facility],
                )
                for user in USERS
            ),
            data_folder=self.folder,
            kept=self.kept,
        )

    def _start(self) -> str:
        import sqlite3

        # Only the command line may reach the sandbox (the import contract).
        from concierge_app.sandbox.config import SandboxConfig
        from concierge_app.sandbox.server import SandboxServer, SandboxStartError
        from concierge_app.sandbox.state import StateError

        server = SandboxServer(
            SandboxConfig(port=0, state=self.folder / "sandbox.sqlite3", simulate=True)
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            server.start_sync()
        except (SandboxStartError, StateError, OSError, sqlite3.Error) as error:
            logger.error("The demo sandbox did not start: %s", error)
            raise DemoStartError(
                f"The demo's sandbox could not start in {self.folder}: {error}"
            ) from error
        self._server = server
        self.url = server.url
        # The line an end-to-end test (or a curious person) finds the sandbox by.
        print(f"demo sandbox on {server.url}", file=sys.stderr, flush=True)
        logger.info("demo sandbox on %s", server.url)
        return server.url

    def _samples(self) -> list[DemoSample]:
        # Without samples the demo still runs; a scanner or the keyboard works.
        import httpx

        if self.url is None:
            return []
        try:
            return demo_samples(self.url)
        except (httpx.HTTPError, ValueError, KeyError) as error:
            logger.warning("the demo samples could not be fetched: %s", error)
            return []


def demo_samples(url: str) -> list[DemoSample]:
    """One scan per path through the desk, from the sandbox's own token list."""
    import ssl

    import httpx

    from concierge_app.domain import token as token_scheme

    # The label listing is the token listing with each signed label added:
    # one request. The sandbox is plain HTTP: a TLS context that trusts
    # nothing, rather than one loading the CA bundle (about 50 ms).
    response = httpx.get(
        f"{url}/_sandbox/labels",
        params={"facility": 1},
        timeout=30,
        verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
    )
    response.raise_for_status()
    packages = response.json()
    label_of = {p["token"]: p["label"] for p in packages}
    by_verdict: dict[str, list[str]] = {}
    for package in packages:
        by_verdict.setdefault(package["verdict"], []).append(package["token"])

    samples: list[DemoSample] = []
    for verdict in DEMO_VERDICTS:
        tokens = by_verdict.get(verdict, [])
        if not tokens:
            logger.warning("the demo sandbox has no %s package", verdict)
            continue
        if verdict == "accepted":
            # Each pick scans a package not yet received, so "Accepted"
            # stays accepted however often it is chosen; every other one is
            # left for the signed-label sample.
            samples.append((verdict, _cycle(tokens[::2])))
        else:
            samples.append((verdict, tokens[0]))
    labels = [
        label_of[t] for t in by_verdict.get("accepted", [])[1::2] if t in label_of
    ]
    if labels:
        samples.append(("signed_label", _cycle(labels)))
    samples.append(
        ("unknown_token", token_scheme.format_groups(token_scheme.generate()))
    )
    samples.append(("unreadable", "HELLO WORLD"))
    first = next((p for p in packages if p["verdict"] == "accepted"), None)
    if first is not None:
        samples.append(("order_id", first["order_id"]))
    return samples


def _cycle(tokens: list[str]) -> Callable[[], str]:
    remaining = list(tokens)

    def next_token() -> str:
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return next_token
