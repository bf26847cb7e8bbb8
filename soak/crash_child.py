"""A desk that dies the moment the server has answered: `python -m soak.crash_child`.

It receives the given tokens, prints one JSON line per acceptance, then
pushes; when the store is about to apply the server's answer the process
ends at once with status 137, as a power cut would end it, with no cleanup.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from concierge_app.api.vault import MemoryVault
from concierge_app.sync.desk import Desk


async def main(url: str, folder: Path, tokens: list[str]) -> None:
    """Receive, then push until the answer arrives, and die there."""
    desk = Desk.open(folder, url, vault=MemoryVault())
    await desk.login("concierge", "concierge")
    for value in tokens:
        outcome = await desk.receive(value)
        if outcome.receipt_id:
            print(json.dumps({"receipt_id": outcome.receipt_id}), flush=True)

    def power_cut(*args: object, **kwargs: object) -> None:
        os._exit(137)

    desk.store.apply_result = power_cut  # type: ignore[method-assign]
    await desk.engine.run_once()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))
