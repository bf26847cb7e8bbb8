"""`concierge-app audit verify`: check the audit log's hash chain.

Every login, lock, override and receipt is an audit entry carrying the hash
of the one before it, so an edited, inserted or deleted entry breaks the
chain. This command walks it without taking the writer's lock and prints
one JSON object; it exits 0 when the chain is sound and 1 at the first
break, naming its sequence number. Without a store it says so in one line
on standard error (exit 1), and a damaged file exits 7.
"""

from __future__ import annotations

import argparse
import json

from concierge_app.cli import exit_codes
from concierge_app.cli.common import add_data_dir
from concierge_app.cli.errors import CommandError


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit verify` to the command line."""
    parser = commands.add_parser(
        "audit",
        help="check the audit log of this workstation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="walk the hash chain")
    add_data_dir(verify)
    verify.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    """Print the chain's check as JSON; 0 when sound, 1 when broken."""
    # Imported here, not at the top: parsing the command line stays cheap.
    from concierge_app.store import Store, StoreDamaged, StoreError, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    try:
        with Store.open_readonly(data_dir) as store:
            check = store.verify_audit()
    except StoreDamaged as error:
        raise CommandError(str(error), exit_codes.STORE_DAMAGED) from error
    except StoreError as error:
        # No store in the folder yet, or a file that cannot be opened.
        raise CommandError(str(error), exit_codes.FAILURE) from error

    print(
        json.dumps(
            {
                "ok": check.ok,
                "entries": check.entries,
                "first_bad_seq": check.first_bad_seq,
                "problem": check.problem,
            }
        )
    )
    return exit_codes.OK if check.ok else exit_codes.FAILURE
