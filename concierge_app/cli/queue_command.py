"""`concierge-app queue`: the receipt queue as JSON, with no network or login.

It reads the store without taking the writer's lock, so it works while the
desk is open.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from concierge_app.cli import exit_codes
from concierge_app.cli.common import add_data_dir
from concierge_app.cli.errors import CommandError


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `queue` to the command line."""
    parser = commands.add_parser(
        "queue", help="print the receipt queue by state, as JSON", description=__doc__
    )
    add_data_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the counts by state and the oldest queued receipt's age."""
    # Imported here, not at the top: parsing the command line stays cheap.
    from concierge_app.store import Store, StoreDamaged, StoreError, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    try:
        with Store.open_readonly(data_dir) as store:
            counts = store.counts()
            oldest = store.oldest_queued_at()
            attention = store.needs_attention_count()
            workstation = store.workstation_id
    except StoreDamaged as error:
        raise CommandError(str(error), exit_codes.STORE_DAMAGED) from error
    except StoreError as error:
        # No store in the folder yet, or a file that cannot be opened.
        raise CommandError(str(error), exit_codes.FAILURE) from error

    age = None
    if oldest is not None:
        age = round((datetime.now(UTC) - oldest).total_seconds(), 1)
    print(
        json.dumps(
            {
                "workstation_id": workstation,
                "data_dir": str(data_dir),
                "by_state": {str(state): n for state, n in sorted(counts.items())},
                "needs_attention": attention,
                "oldest_queued_age_seconds": age,
            }
        )
    )
    return exit_codes.OK
