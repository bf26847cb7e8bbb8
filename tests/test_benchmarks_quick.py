"""The benchmarks' quick mode runs in CI so they never rot; numbers are not judged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(600)
def test_the_quick_benchmarks_run_and_report_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "report.json"

    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text())
    names = {(f["benchmark"], f["name"]) for f in report["figures"]}
    assert {
        ("drain", "drain time"),
        ("drain", "429 answers"),
        ("refresh", "whole refresh"),
        ("refresh", "peak resident memory"),
        ("scan", "p50 Enter to verdict painted"),
        ("scan", "p99 Enter to verdict painted"),
        ("scan", "max Enter to verdict painted"),
        ("burst", "scans dropped, reordered or merged"),
        ("shift", "bare PySide6 window shown"),
        ("shift", "login page shown over bare window"),
        ("shift", "ready to scan over bare window"),
        ("shift", "demo login page shown over bare window"),
        ("shift", "demo ready to scan after login"),
        ("idle", "CPU of one core"),
        ("idle", "resident memory"),
    } <= names
    assert all(f["value"] >= 0 for f in report["figures"])
    assert "benchmark" in result.stdout.splitlines()[0]
