"""Cache refresh: a full delta pull of many packages into an empty store.

The pull runs in a child process of its own, so that its peak resident
memory is the desk's alone and not the sandbox's or this runner's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

from benchmarks.report import Figure
from benchmarks.sandbox_process import sandbox_process


def run(*, quick: bool) -> list[Figure]:
    """Pull the whole cache once; packages per second and peak memory."""
    packages = 5_000 if quick else 200_000
    with (
        tempfile.TemporaryDirectory() as folder,
        sandbox_process(
            "--bulk-packages",
            str(packages),
            "--requests-per-minute",
            "1000000",
            "--entities-per-minute",
            "100000000",
        ) as url,
    ):
        child = subprocess.run(
            [sys.executable, "-m", "benchmarks.refresh_child", url, folder],
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
    result = json.loads(child.stdout)
    details = {
        "packages": result["packages"],
        "orders": result["orders"],
        "pages": result["pages"],
    }
    return [
        Figure(
            "refresh",
            "whole refresh",
            result["elapsed"],
            "s",
            target=60.0,
            details=details,
        ),
        Figure(
            "refresh",
            "packages per second",
            result["packages"] / result["elapsed"],
            "pkg/s",
            details=details,
        ),
        Figure(
            "refresh",
            "peak resident memory",
            result["peak_rss_mb"],
            "MB",
            target=250.0,
            details=details,
        ),
    ]
