"""A pytest plugin for the soak: repeat every test, and tally what ran.

`-p soak.pytest_tally --soak-repeat N --soak-tally FILE` runs each selected
test N times and writes FILE: by node id, the outcome of every run, the
property-based examples Hypothesis tried, and how many of the desk
client's requests the contract guard checked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

_tally: dict[str, Any] = {
    "outcomes": {},
    "examples": {},
    "contract_checked": {},
    "why": {},
}
PASSING = re.compile(r"(\d+) passing")


def pytest_addoption(parser: pytest.Parser) -> None:
    """--soak-repeat and --soak-tally."""
    group = parser.getgroup("soak")
    group.addoption("--soak-repeat", type=int, default=1, help="runs of each test")
    group.addoption("--soak-tally", type=Path, help="write the tally (JSON) here")


@pytest.fixture
def _soak_round(request: pytest.FixtureRequest) -> int:
    """Which run of the test this is (its parameter)."""
    return int(request.param)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize every test by its run number when repeating."""
    count = metafunc.config.getoption("soak_repeat")
    if count > 1:
        metafunc.fixturenames.append("_soak_round")
        metafunc.parametrize(
            "_soak_round",
            range(count),
            indirect=True,
            ids=[f"run{n + 1}" for n in range(count)],
        )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the worst outcome of each test run."""
    outcomes: dict[str, str] = _tally["outcomes"]
    if outcomes.get(report.nodeid) in ("failed", "error"):
        return
    if report.outcome == "failed":
        outcomes[report.nodeid] = "failed" if report.when == "call" else "error"
        why: dict[str, str] = _tally["why"]
        why[report.nodeid] = str(report.longrepr).strip().splitlines()[-1][:300]
    elif report.when == "call" or report.outcome == "skipped":
        outcomes[report.nodeid] = report.outcome


# First, returning nothing: pytest's own report-maker ends the hook.
@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """Count the examples Hypothesis ran for a property test (its statistics)."""
    stats = getattr(item, "hypothesis_statistics", None)
    if call.when == "teardown" and isinstance(stats, str):
        examples: dict[str, int] = _tally["examples"]
        examples[item.nodeid] = sum(int(n) for n in PASSING.findall(stats))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Any:
    """Count the desk client's requests the contract guard checked in this test."""
    before = _guard_total()
    yield
    checked: dict[str, int] = _tally["contract_checked"]
    checked[item.nodeid] = _guard_total() - before


def _guard_total() -> int:
    try:
        from tests.contract_guard import ContractGuard
    except ImportError:
        return 0
    return ContractGuard.total_checked


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the tally."""
    path = session.config.getoption("soak_tally")
    if path is None:
        return
    outcomes: dict[str, str] = _tally["outcomes"]
    Path(path).write_text(
        json.dumps(
            {
                "outcomes": outcomes,
                "counts": Counter(outcomes.values()),
                "examples": _tally["examples"],
                "contract_checked": _tally["contract_checked"],
                "why": _tally["why"],
            },
            indent=2,
        )
        + "\n"
    )
