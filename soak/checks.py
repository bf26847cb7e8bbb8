"""The scenarios whose proof is a pytest test, run by the soak with a larger count.

Each `Check` names the tests that prove one scenario of the reliability
issue. The soak runs them as a subprocess with the `soak.pytest_tally`
plugin, repeated (and with the Hypothesis `soak` profile in the full run),
and turns the tally into a row: rounds are the test runs (or, for property
tests, the examples tried), faults the damage those runs injected, and any
failed run is a broken promise. The quick form runs the quick selection of
every check in one process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soak.rows import Row

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Check:
    """One scenario proved by tests."""

    scenario: str
    tests: tuple[str, ...]
    quick: tuple[str, ...]
    repeat: int
    fault: str
    """What each run injects, for the note (and whether it counts as a fault)."""
    injects: bool = True
    property_based: bool = False
    profile: str = "soak"
    """The Hypothesis profile of the full run (tests/conftest.py)."""
    env: dict[str, str] = field(default_factory=dict)


CHECKS = {
    "auth": Check(
        "auth: expiry mid-batch, lost refresh answer, revoked token and user, "
        "wrong facility",
        (
            "tests/sync/test_auth_scenarios.py",
            "tests/api/test_auth.py",
            "tests/sandbox/test_auth.py",
        ),
        (
            (
                "tests/sync/test_auth_scenarios.py::"
                "test_a_lost_refresh_answer_does_not_lock_the_desk_out"
            ),
        ),
        repeat=5,
        fault="an expired, lost, revoked or foreign credential",
    ),
    "offline_login": Check(
        "offline login: verifiers, lockout, every attempt audited",
        (
            "tests/store/test_verifiers.py",
            (
                "tests/sync/test_offline_and_sync.py::"
                "test_offline_unlock_queues_provisionally_then_sync_registers_once"
            ),
            (
                "tests/sync/test_offline_and_sync.py::"
                "test_offline_without_a_verifier_cannot_unlock"
            ),
            "tests/cli/test_errors.py::test_a_wrong_password_offline_is_refused_with_4",
            (
                "tests/cli/test_errors.py::"
                "test_repeated_wrong_passwords_offline_lock_the_user_out_with_4"
            ),
        ),
        (
            (
                "tests/store/test_verifiers.py::"
                "test_five_wrong_attempts_lock_the_user_for_fifteen_minutes"
            ),
        ),
        repeat=5,
        fault="a wrong, expired or missing offline credential",
    ),
    "bad_input": Check(
        "bad input: parsers fuzzed, scanner garbage into the scan field",
        (
            "tests/test_fuzz.py",
            (
                "tests/ui/test_desk_on_sandbox.py::"
                "test_scanner_garbage_into_the_scan_field_gives_clear_verdicts"
            ),
            (
                "tests/sync/test_receiving_online.py::"
                "test_garbage_is_unreadable_with_what_to_do"
            ),
        ),
        ("tests/test_fuzz.py",),
        repeat=1,
        fault="a generated input",
        property_based=True,
    ),
    "damaged_store": Check(
        "damaged store: truncated, garbage, wrong schema; disk full",
        (
            "tests/store/test_health.py",
            "tests/cli/test_errors.py::test_a_damaged_store_exits_7_and_is_left_alone",
            "tests/sync/test_disk_full.py",
        ),
        (
            (
                "tests/store/test_health.py::"
                "test_a_damaged_file_is_reported_with_its_path_and_left_alone"
            ),
            "tests/sync/test_disk_full.py",
        ),
        repeat=5,
        fault="a damaged file or a full disk",
    ),
    "tls": Check(
        "transport security: self-signed refused unless its CA is configured",
        ("tests/api/test_tls.py",),
        ("tests/api/test_tls.py",),
        repeat=10,
        fault="an untrusted or a configured certificate",
    ),
    "secrets": Check(
        "secrets: none in logs, store, crash reports, diagnostics",
        (
            "tests/test_no_secrets.py",
            "tests/cli/test_support_log.py",
            "tests/cli/test_diagnostics.py",
        ),
        ("tests/test_no_secrets.py",),
        repeat=3,
        fault="a session with known passwords, bearer and security tokens",
    ),
    "audit": Check(
        "audit: the hash chain verifies; any edited row is caught",
        ("tests/store/test_audit.py", "tests/cli/test_audit_command.py"),
        (
            (
                "tests/store/test_audit.py::"
                "test_editing_any_column_of_any_entry_is_caught_at_that_entry"
            ),
        ),
        repeat=10,
        fault="an edited, deleted or forged entry",
    ),
    "contract": Check(
        "contract: schemathesis, and the client's traffic checked against it",
        (
            "tests/sandbox/test_contract.py",
            "tests/test_contract_guard.py",
            "tests/sync",
        ),
        ("tests/test_contract_guard.py",),
        repeat=1,
        fault="a generated request",
        property_based=True,
        # Each example is an HTTP round trip: 1,000 per operation, not 20,000.
        profile="soak-http",
    ),
}


_quick_rows: dict[str, Row] = {}


def run_check(name: str, *, quick: bool) -> Row:
    """Run one check's tests and make its row (the quick ones all at once)."""
    if quick:
        if not _quick_rows:
            _quick_rows.update(zip(CHECKS, run_quick_checks(), strict=True))
        return _quick_rows[name]
    check = CHECKS[name]
    tally = _pytest(
        list(check.tests),
        repeat=check.repeat,
        profile=check.profile if check.property_based else None,
        env=check.env,
    )
    return _row(check, tally, tally["outcomes"])


def run_quick_checks() -> list[Row]:
    """Every check's quick selection, in one pytest process, one row each."""
    tests = [t for check in CHECKS.values() for t in check.quick]
    tally = _pytest(tests, repeat=1, profile=None, env={})
    rows = []
    for check in CHECKS.values():
        mine = {
            node: outcome
            for node, outcome in tally["outcomes"].items()
            if any(node.startswith(t) for t in check.quick)
        }
        rows.append(_row(check, tally, mine))
    return rows


def _row(check: Check, tally: dict[str, Any], outcomes: dict[str, str]) -> Row:
    runs = len(outcomes)
    failed = sum(1 for o in outcomes.values() if o in ("failed", "error"))
    examples = sum(tally["examples"].get(node, 0) for node in outcomes)
    checked = sum(tally["contract_checked"].get(node, 0) for node in outcomes)
    rounds = runs
    note = f"{runs} test run{'s' if runs != 1 else ''}, {check.fault} each"
    if check.property_based and examples:
        rounds = examples
        note = f"{examples} property-based examples in {runs} test runs"
    if checked:
        note += f"; {checked} client requests checked against the contract"
    if failed:
        why = sorted({tally.get("why", {}).get(node, "") for node in outcomes} - {""})
        note += f"; {failed} FAILED: " + " | ".join(why)[:600]
    return Row(
        check.scenario,
        rounds,
        rounds if check.injects else 0,
        0,
        0,
        0,
        note=note,
        broken=failed + (1 if runs == 0 else 0),
    )


def _pytest(
    tests: list[str], *, repeat: int, profile: str | None, env: dict[str, str]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "tally.json"
        argv = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "soak.pytest_tally",
            f"--soak-repeat={repeat}",
            f"--soak-tally={out}",
            *([f"--hypothesis-profile={profile}"] if profile else []),
            # 20,000 examples of one property test take minutes, not seconds.
            *(["--timeout=1800"] if profile else []),
            *tests,
        ]
        child_env = {
            k: v for k, v in os.environ.items() if not k.startswith("CONCIERGE_APP_")
        }
        subprocess.run(
            argv,
            cwd=ROOT,
            env={**child_env, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=3600,
            check=False,
        )
        if not out.exists():
            return {"outcomes": {}, "examples": {}, "contract_checked": {}, "why": {}}
        tally: dict[str, Any] = json.loads(out.read_text())
        return tally


CRASH_LINE = re.compile(
    r"crash rounds: (\d+), seed (\d+), kills \{(.*?)\}, packages (\d+), "
    r"promised (\d+)"
)


def kill_loop(*, rounds: int) -> Row:
    """tests/cli/test_crash.py with `rounds` rounds: SIGKILLed receive and sync."""
    started = time.perf_counter()
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "tests/cli/test_crash.py",
        ],
        cwd=ROOT,
        env={**os.environ, "CONCIERGE_APP_CRASH_ROUNDS": str(rounds)},
        capture_output=True,
        text=True,
        timeout=max(600, rounds * 40),
        check=False,
    )
    seconds = time.perf_counter() - started
    found = CRASH_LINE.search(child.stdout)
    if child.returncode != 0 or found is None:
        tail = (child.stdout + child.stderr)[-300:].replace("\n", " ")
        return Row(
            "kill loop (SIGKILL receive and sync)",
            rounds,
            0,
            0,
            0,
            0,
            note=f"FAILED in {seconds:.0f} s: {tail}",
            broken=1,
        )
    kills = sum(int(n) for n in re.findall(r"'\w+': (\d+)", found[3]))
    return Row(
        "kill loop (SIGKILL receive and sync)",
        int(found[1]),
        kills,
        int(found[4]),
        0,
        0,
        note=(
            f"seed {found[2]}, kills {{{found[3]}}}, {found[5]} printed as "
            f"accepted; every package once, integrity and audit checked every "
            f"round; {seconds:.0f} s"
        ),
    )
