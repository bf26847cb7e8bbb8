"""The desk side of the cache refresh benchmark, run as a child process.

`python -m benchmarks.refresh_child URL DIR` prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

from concierge_app.api.vault import MemoryVault
from concierge_app.sync.desk import Desk
from concierge_app.sync.pull import pull


async def main(url: str, folder: Path) -> dict[str, float]:
    """Log in, pull everything, and say how long and how much memory it took."""
    desk = Desk.open(folder / "desk", url, vault=MemoryVault())
    try:
        await desk.login("concierge", "concierge")
        started = time.perf_counter()
        result = await pull(desk.client, desk.store)
        elapsed = time.perf_counter() - started
    finally:
        await desk.aclose()
    # ru_maxrss is in kilobytes on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "elapsed": elapsed,
        "packages": result.packages,
        "orders": result.orders,
        "pages": result.pages,
        "peak_rss_mb": peak,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], Path(sys.argv[2])))))
