"""Start of shift, this tree against another, alternating on a shared machine.

    python -m benchmarks.shift_compare OTHER [--rounds 7] [--kinds bare,desk,demo]

OTHER is another source tree of the app (for main: `git archive main | tar
-x -C OTHER`). Each round starts every kind of `benchmarks.shift_child`
once from OTHER, then once from this tree, so both meet the same
neighbours; the first round only warms the caches (and writes the
bytecode, as an installed app has it). It prints the median of each stamp
in milliseconds from `Popen`, and of the child's main-thread CPU at each
stamp, which the neighbours disturb less. The desk child of both trees is
this tree's, so only the app differs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.sandbox_process import sandbox_process
from benchmarks.shift import start_child

HERE = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Alternate the two trees' start-ups and print the medians."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.shift_compare")
    parser.add_argument("other", type=Path, help="the other source tree")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--kinds", default="bare,desk,demo")
    args = parser.parse_args(argv)
    kinds = args.kinds.split(",")
    trees = {"other": args.other.resolve(), "this": HERE}

    with tempfile.TemporaryDirectory() as folder, sandbox_process() as url:
        runs: dict[tuple[str, str], list[dict[str, float]]] = {}
        for number in range(args.rounds + 1):
            for label, tree in trees.items():
                env = {
                    key: value
                    for key, value in os.environ.items()
                    if key != "PYTHONDONTWRITEBYTECODE"
                }
                env.update(
                    PYTHONPATH=str(tree),
                    SHIFT_CHILD_CPU="1",
                    CONCIERGE_APP_MACHINE_SETTINGS=f"{folder}/machine.toml",
                    CONCIERGE_APP_USER_SETTINGS=f"{folder}/user.toml",
                    CONCIERGE_APP_LOG_DIR=f"{folder}/log-{label}",
                    PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
                )
                for kind in kinds:
                    # This tree's child for both: only the app under it differs.
                    child = HERE / "benchmarks" / "shift_child.py"
                    command = [sys.executable, str(child), kind]
                    if kind == "desk":
                        command += [url, f"{folder}/desk-{label}"]
                    stamps = start_child(command, env, tree)
                    if number:
                        runs.setdefault((label, kind), []).append(stamps)

    for (label, kind), done in runs.items():
        medians = {
            name: round(statistics.median(run[name] for run in done))
            for name in done[0]
        }
        print(label, kind, medians, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
