"""Run the soak and print its table: `python -m soak [--quick] [--out F]`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from soak.rows import Row, table
from soak.scenarios import CRASH_ROUNDS, SCENARIOS


def main(argv: list[str] | None = None) -> int:
    """Run every scenario (or the named ones); exit 1 if any promise broke."""
    parser = argparse.ArgumentParser(prog="python -m soak", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few rounds, for CI")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    parser.add_argument("--only", action="append", choices=sorted(SCENARIOS))
    parser.add_argument(
        "--crash-rounds",
        type=int,
        help=f"kill-loop rounds of the full run (default {CRASH_ROUNDS['full']})",
    )
    args = parser.parse_args(argv)
    if args.crash_rounds:
        CRASH_ROUNDS["full"] = args.crash_rounds
    # The desks log their retries; the table is the soak's report.
    logging.basicConfig(level=logging.ERROR)

    rows: list[Row] = []
    for name, scenario in SCENARIOS.items():
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        rows.append(scenario(quick=args.quick))
        print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)

    print(table(rows))
    if args.out:
        args.out.write_text(json.dumps([r.as_dict() for r in rows], indent=2) + "\n")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
