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
    assert {r["scenario"] for r in rows} >= {
        "lost answer",
        "crash after answer",
        "fault soak",
        "three workstations",
    }
    for row in rows:
        assert (row["lost"], row["doubled"], row["result"]) == (0, 0, "pass"), row
        assert row["receipts"] > 0
