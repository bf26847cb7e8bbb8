"""The desk window: scan to verdict, scanner bursts, and an idle desk.

Each runs the real `DeskWindow` offscreen in a child process
(`benchmarks.window_child`) on a real store, against a sandbox process over
loopback, with the sync loop running.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from typing import Any

from benchmarks.report import Figure
from benchmarks.sandbox_process import sandbox_process

FRAME_MS = 1000 / 60
"""One frame at 60 Hz."""


def _child(mode: str, packages: int, count: int) -> dict[str, Any]:
    flags = ["--requests-per-minute", "1000000", "--entities-per-minute", "100000000"]
    if packages:
        flags = ["--bulk-packages", str(packages), *flags]
    with tempfile.TemporaryDirectory() as folder, sandbox_process(*flags) as url:
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.window_child",
                mode,
                url,
                folder,
                str(count),
            ],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
    if child.returncode != 0:
        raise RuntimeError(f"window_child {mode} failed:\n{child.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(child.stdout.splitlines()[-1])
    return result


def run_scan(*, quick: bool) -> list[Figure]:
    """Enter key to the verdict's frame, over many scans of mixed verdicts."""
    packages, scans = (5_000, 200) if quick else (200_000, 1_000)
    result = _child("scan", packages, scans)
    details = {
        key: result[key]
        for key in (
            "scans",
            "packages",
            "mean_ms",
            "wrong_verdicts",
            "unmeasured",
            "p50_ms_by_kind",
            "p99_ms_by_kind",
            "scans_by_kind",
            "slowest",
        )
    }
    return [
        Figure(
            "scan",
            "p50 Enter to verdict painted",
            result["p50_ms"],
            "ms",
            details=details,
        ),
        Figure(
            "scan",
            "p99 Enter to verdict painted",
            result["p99_ms"],
            "ms",
            target=FRAME_MS,
            details=details,
        ),
        Figure(
            "scan",
            "max Enter to verdict painted",
            result["max_ms"],
            "ms",
            details=details,
        ),
    ]


def run_burst(*, quick: bool) -> list[Figure]:
    """Scans typed back to back at 1 ms a key while a whole pull runs."""
    packages, scans = (5_000, 200) if quick else (200_000, 2_000)
    result = _child("burst", packages, scans)
    details = {
        key: result[key]
        for key in (
            "typed",
            "received",
            "typing_s",
            "all_received_s",
            "syncs_during_burst",
            "packages",
        )
    }
    lost = result["dropped"] + result["reordered"] + result["merged"]
    return [
        Figure(
            "burst",
            "scans dropped, reordered or merged",
            lost,
            "count",
            target=0,
            details={
                **details,
                **{k: result[k] for k in ("dropped", "reordered", "merged")},
            },
        ),
    ]


def run_idle(*, quick: bool) -> list[Figure]:
    """CPU use and memory of a logged-in desk left alone."""
    result = _child("idle", 0, 5 if quick else 60)
    details = {k: result[k] for k in ("idle_s", "cpu_s", "peak_rss_mb")}
    return [
        Figure(
            "idle",
            "CPU of one core",
            result["cpu_percent"],
            "%",
            target=1.0,
            details=details,
        ),
        Figure("idle", "resident memory", result["rss_mb"], "MB", details=details),
    ]
