"""After a real session, no password, bearer token or security token is on disk.

A desk logs in, receives, syncs, goes offline and back against the real
sandbox, with the support log at DEBUG. Then every byte of the data folder
and the log folder is searched for each secret the session handled.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from concierge_app.cli import support_log
from concierge_app.domain import token
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio

PASSWORD = "Kx7-unique-desk-password"
USER = "desk-user-7"


def forms(secret: str) -> list[bytes]:
    """The ways a secret could have been written down."""
    texts = {secret, secret.lower(), secret.upper()}
    if token.is_valid(token.normalise(secret)):
        texts.add(token.format_groups(token.normalise(secret)))
    return [t.encode(encoding) for t in texts for encoding in ("utf-8", "utf-16-le")]


async def test_no_secret_of_a_session_reaches_the_store_or_the_log(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, tmp_path: Path
) -> None:
    logs, data = tmp_path / "logs", tmp_path / "data"
    handler_count = len(logging.getLogger().handlers)
    support_log.install(logging.DEBUG, folder=logs)
    sandbox_admin.add_user(USER, PASSWORD)
    scanned = [p["token"] for p in sandbox_admin.tokens("accepted")[:3]]
    scanned.append(token.generate())
    secrets: list[str] = [PASSWORD]
    try:
        async with open_desk(data, sandbox.url, user=USER, password=PASSWORD) as desk:
            session = desk.client.session
            assert session is not None
            secrets += [session.access_token, session.refresh_token]
            for value in scanned:
                await desk.receive(token.format_groups(value))
            sandbox_admin.set_faults(reset_rate=1.0)
            await desk.engine.run_once()
            sandbox_admin.clear_faults()
            sandbox_admin.expire_access_tokens()
            await desk.engine.run_once()
            refreshed = desk.client.session
            assert refreshed is not None
            secrets += [refreshed.access_token, refreshed.refresh_token]
    finally:
        root = logging.getLogger()
        for handler in root.handlers[handler_count:]:
            root.removeHandler(handler)
            handler.close()

    secrets += scanned
    files = [p for p in [*data.rglob("*"), *logs.rglob("*")] if p.is_file()]
    assert any(p.suffix == ".log" and p.stat().st_size > 0 for p in files)
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            for form in forms(secret):
                assert form not in content, f"a secret is in {path.name}"
