"""Test set-up shared by every layer: offscreen Qt, the sandbox, async tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Qt must never look for a display in tests; set before any Qt import.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

# The real sandbox over loopback, for every layer's integration tests, and
# the shared qasync loop for every test that drives widgets.
pytest_plugins = ["tests.sandbox_fixtures", "tests.qt_loop"]

# `pytest --hypothesis-profile=soak`: every property test, far longer. No
# deadline: on a loaded machine a slow case is not a failing one.
settings.register_profile(
    "soak",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# The same for property tests whose every example is an HTTP round trip
# (schemathesis against the sandbox): the soak's contract row uses it.
settings.register_profile(
    "soak-http",
    max_examples=1_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (marked `anyio`) run on asyncio, the loop the app uses."""
    return "asyncio"


@pytest.fixture(autouse=True, scope="session")
def _support_log_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands run as processes log to a temporary folder, never the user's."""
    before = os.environ.get("CONCIERGE_APP_LOG_DIR")
    os.environ["CONCIERGE_APP_LOG_DIR"] = str(tmp_path_factory.mktemp("support-log"))
    yield
    if before is None:
        del os.environ["CONCIERGE_APP_LOG_DIR"]
    else:
        os.environ["CONCIERGE_APP_LOG_DIR"] = before
