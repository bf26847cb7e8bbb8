"""Run the benchmarks and print the table: `python -m benchmarks [--quick]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks import drain, refresh, shift, window
from benchmarks.report import Figure, table, write_json

SUITE = {
    "drain": drain.run,
    "refresh": refresh.run,
    "scan": window.run_scan,
    "burst": window.run_burst,
    "shift": shift.run,
    "idle": window.run_idle,
}


def main(argv: list[str] | None = None) -> int:
    """Run the suite (or the named benchmarks) and report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SUITE),
        help="run only this benchmark (repeatable)",
    )
    args = parser.parse_args(argv)

    figures: list[Figure] = []
    for name, run in SUITE.items():
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        figures.extend(run(quick=args.quick))
        print(f"{name}: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    print(table(figures))
    if args.out:
        write_json(args.out, figures, quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
