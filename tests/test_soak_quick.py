"""The reliability soak's quick form runs in CI; its promises are judged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(600)
def test_the_quick_soak_loses_and_doubles_nothing(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"

    result = subprocess.run(
        [sys.executable, "-m", "soak", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    rows = json.loads(out.read_text())
    # One row for each of the reliability issue's 13 scenarios, in its order.
    assert len(rows) == 13
    assert [r["scenario"].split(" ")[0] for r in rows] == [
        "kill",
        "lost",
        "crash",
        "fault",
        "three",
        "auth:",
        "offline",
        "bad",
        "damaged",
        "transport",
        "secrets:",
        "audit:",
        "contract:",
    ]
    for row in rows:
        assert (row["lost"], row["doubled"], row["broken"]) == (0, 0, 0), row
        assert row["result"] == "pass", row
        assert row["rounds"] > 0, row
    # The scenarios that move receipts say how many the sandbox holds.
    assert all(r["receipts"] > 0 for r in rows[:5])
    fault_soak = rows[3]["note"]
    assert "0 requests before their Retry-After" in fault_soak
    assert "answered 429" in fault_soak
    assert "most in any 60 s" in fault_soak
