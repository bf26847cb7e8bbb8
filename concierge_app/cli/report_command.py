"""`concierge-app report`: the day's receipts as CSV or PDF, for the facility manager.

Every receipt this workstation made on one date (by this computer's clock
and time zone), with where each stands with the partner platform. It reads
the store without the writer's lock, so it works while the desk is open,
and needs no network or login. CSV goes to standard output unless --out
names a file; a PDF needs --out.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from concierge_app.cli import exit_codes
from concierge_app.cli.common import add_data_dir
from concierge_app.cli.errors import CommandError

if TYPE_CHECKING:
    from concierge_app.store.reports import DayReport


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report` to the command line."""
    parser = commands.add_parser(
        "report",
        help="write the day's receipts as CSV or PDF",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--date",
        default=None,
        metavar="YYYY-MM-DD",
        help="the local date of the receipts (default: today)",
    )
    parser.add_argument(
        "--format", choices=("csv", "pdf"), default="csv", help="csv (default) or pdf"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="the file to write (CSV: else stdout)"
    )
    add_data_dir(parser)
    parser.set_defaults(run=run)


def parse_day(text: str | None) -> date:
    """The report's date from `--date`, today when it is not given."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--date {text[:40]!r} is not a date; write it as YYYY-MM-DD, "
            "e.g. 2026-03-14",
            exit_codes.USAGE,
        ) from None


def check_out(out: Path | None, form: str) -> None:
    """Refuse an --out that cannot be a file, before anything is read."""
    if out is None:
        if form == "pdf":
            raise CommandError("a PDF needs --out FILE.pdf", exit_codes.USAGE)
        return
    if out.is_dir():
        raise CommandError(f"--out {out} is a folder; name a file", exit_codes.USAGE)
    if not out.parent.is_dir():
        raise CommandError(
            f"the folder of --out {out} does not exist", exit_codes.USAGE
        )


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 when written."""
    day = parse_day(args.date)
    check_out(args.out, args.format)
    # Imported here, not at the top: parsing the command line stays cheap.
    from concierge_app.store import Store, StoreDamaged, StoreError, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    try:
        with Store.open_readonly(data_dir) as store:
            report = store.day_report(day)
    except StoreDamaged as error:
        raise CommandError(str(error), exit_codes.STORE_DAMAGED) from error
    except StoreError as error:
        # No store in the folder yet, or a file that cannot be opened.
        raise CommandError(str(error), exit_codes.FAILURE) from error

    try:
        if args.format == "csv":
            _write_csv(report, args.out)
        else:
            _write_pdf(report, args.out)
    except OSError as error:
        raise CommandError(
            f"{args.out} could not be written: {error.strerror or error}",
            exit_codes.FAILURE,
        ) from error
    print(
        f"report: {len(report.lines)} receipts of {day.isoformat()}"
        + (f" written to {args.out}" if args.out is not None else ""),
        file=sys.stderr,
    )
    return exit_codes.OK


def _write_csv(report: DayReport, out: Path | None) -> None:
    # No Qt on this path: the CSV writer is plain Python.
    from concierge_app.ui.printing.files import write_file
    from concierge_app.ui.printing.report_csv import csv_text, write_csv

    if out is None:
        write_csv(report, sys.stdout)
        sys.stdout.flush()
        return
    write_file(out, csv_text(report).encode("utf-8"))


def _write_pdf(report: DayReport, out: Path) -> None:
    from concierge_app.ui import translations
    from concierge_app.ui.printing.day_report import write_day_report_pdf
    from concierge_app.ui.printing.pdf import offscreen_application

    # In the desk's language, with its plural forms ("1 receipt"), which
    # come from the catalogue even in English.
    app = offscreen_application()
    translations.install(app, translations.choose(_language()))
    write_day_report_pdf(report, out)


def _language() -> str:
    from concierge_app import settings as settings_module

    try:
        return str(settings_module.load()["language"])
    except settings_module.SettingsError as error:
        raise CommandError(
            f"the settings cannot be used: {error}", exit_codes.USAGE
        ) from error
