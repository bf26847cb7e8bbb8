"""Desks on real data folders, talking to the real sandbox over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from concierge_app.api.vault import MemoryVault
from concierge_app.sync.desk import Desk, DeskOptions
from concierge_app.sync.outcomes import LoginOk

OpenDesk = Callable[..., "AsyncIterator[Desk]"]


@asynccontextmanager
async def open_desk(
    data_dir: Path,
    url: str,
    *,
    user: str | None = "concierge",
    password: str | None = None,
    vault: MemoryVault | None = None,
    options: DeskOptions | None = None,
) -> AsyncIterator[Desk]:
    """A desk on `data_dir` for the sandbox at `url`, logged in when `user` is set."""
    desk = Desk.open(data_dir, url, vault=vault or MemoryVault(), options=options)
    try:
        if user is not None:
            outcome = await desk.login(user, password or user)
            assert isinstance(outcome, LoginOk), outcome
            if not outcome.offline:
                await desk.engine.run_once()
        yield desk
    finally:
        await desk.aclose()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh workstation data folder."""
    return tmp_path / "desk-1"
