"""Backlog drain: a queue of receipts against the sandbox's rate limits.

The limits are fixed 60-second windows that open with the first request,
so the fastest possible drain of N receipts with E entities and R requests
a minute, in batches of B, needs W = max(ceil(N / E), ceil(ceil(N / B) / R))
windows: (W - 1) minutes of waiting plus the sending itself. The figure is
the measured time over that minimum, and the count of 429 answers.

The cache is filled first under open limits; the drain starts once a
minute has passed since, as a backlog that builds while the desk is
offline would. Before then the budget's sliding log still holds that
pull, and would rightly make the first window wait for it.
"""

from __future__ import annotations

import asyncio
import math
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.report import Figure
from benchmarks.sandbox_process import sandbox_process
from concierge_app.api.rate_budget import SLIDE_MARGIN
from concierge_app.api.vault import MemoryVault
from concierge_app.domain.model import ReceiptState
from concierge_app.sync.desk import Desk, DeskOptions

WINDOW = 60.0
BATCH = 100


def run(*, quick: bool) -> list[Figure]:
    """Queue N receipts offline-style, then time the drain under the limits."""
    receipts = 300 if quick else 10_000
    requests, entities = (600, 100_000) if quick else (600, 3_000)
    with (
        tempfile.TemporaryDirectory() as folder,
        sandbox_process(
            "--bulk-packages",
            str(receipts),
            "--requests-per-minute",
            "100000",
            "--entities-per-minute",
            "10000000",
        ) as url,
    ):
        result = asyncio.run(_drain(url, Path(folder), receipts, requests, entities))

    windows = max(
        math.ceil(receipts / entities),
        math.ceil(math.ceil(receipts / BATCH) / requests),
    )
    minimum = (windows - 1) * WINDOW
    details = {
        "receipts": receipts,
        "requests_per_minute": requests,
        "entities_per_minute": entities,
        "windows": windows,
        "theoretical_minimum_s": minimum,
        "queue_time_s": round(result["queue_time"], 2),
        "idle_before_drain_s": round(result["idle_before"], 2),
    }
    figures = [
        Figure("drain", "drain time", result["elapsed"], "s", details=details),
        Figure("drain", "429 answers", result["rate_limited"], "count", target=1),
    ]
    if minimum > 0:
        figures.insert(
            1,
            Figure(
                "drain",
                "time over minimum",
                result["elapsed"] / minimum,
                "x",
                target=1.10,
                details=details,
            ),
        )
    return figures


async def _drain(
    url: str, folder: Path, receipts: int, requests: int, entities: int
) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as admin:
        seeded = (await admin.get("/_sandbox/tokens")).json()
    tokens = [p["token"] for p in seeded if p["verdict"] == "accepted"][:receipts]
    options = DeskOptions(pull_interval=24 * 3600, batch_size=BATCH)
    desk = Desk.open(folder / "desk", url, vault=MemoryVault(), options=options)
    try:
        await desk.login("concierge", "concierge")
        await desk.engine.run_once()
        pulled_at = time.perf_counter()

        queued_at = time.perf_counter()
        for value in tokens:
            await desk.receive(value)
        queue_time = time.perf_counter() - queued_at

        # The cache was filled under the set-up's open limits, and the
        # budget's sliding log rightly counts that pull against the tighter
        # quota for a minute after it. A real backlog builds while the desk
        # is offline, longer than that; the drain starts once it has passed.
        idle = 0.0
        if receipts > entities:
            idle = max(0.0, WINDOW + SLIDE_MARGIN - (time.perf_counter() - pulled_at))
            await asyncio.sleep(idle)

        async with httpx.AsyncClient(base_url=url) as admin:
            limits = {"requests_per_minute": requests, "entities_per_minute": entities}
            (await admin.put("/_sandbox/limits", json=limits)).raise_for_status()
        started = time.perf_counter()
        while desk.store.counts()[ReceiptState.QUEUED]:
            await desk.engine.run_once()
        elapsed = time.perf_counter() - started

        registered = desk.store.counts()[ReceiptState.REGISTERED]
        if registered != len(tokens):
            raise RuntimeError(f"only {registered} of {len(tokens)} registered")
        return {
            "elapsed": elapsed,
            "rate_limited": desk.engine.rate_limited,
            "queue_time": queue_time,
            "idle_before": idle,
        }
    finally:
        await desk.aclose()
