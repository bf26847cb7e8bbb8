"""`concierge-app report`: the day's receipts as CSV or PDF, from a real store."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from concierge_app.domain import token as token_scheme
from concierge_app.store import ReceiptDraft, Store
from concierge_app.ui.printing.report_csv import COLUMNS
from tests.ui.printing.pdftools import needs_poppler, pdf_text

DAY = "2026-03-14"
AT = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)


@pytest.fixture
def receipts(data_dir: Path) -> list[str]:
    """Two receipts made on DAY (UTC) and one the day before."""
    made = []
    with Store.open(data_dir) as store:
        for number, at in enumerate((AT, AT.replace(hour=18), AT.replace(day=13))):
            token = token_scheme.generate()
            receipt_id = ReceiptDraft.new_id()
            store.receive(
                ReceiptDraft(
                    receipt_id=receipt_id,
                    token_sha256=token_scheme.digest(token),
                    proof=token_scheme.receipt_proof(token, receipt_id),
                    package_id=f"P-000001-1-{number}",
                    order_id="1-2603-1-000001",
                    received_by="giulia",
                    received_at=at,
                )
            )
            made.append(receipt_id)
    return made


@pytest.fixture
def report(cli, data_dir: Path):
    """`report ARGS --data-dir DIR` in the UTC zone, so DAY is known."""

    def run(*args: str | Path):
        result = cli("report", *args, "--data-dir", data_dir, env={"TZ": "UTC"})
        assert "Traceback" not in result.stderr
        return result

    return run


def test_csv_of_a_day_goes_to_standard_output(report, receipts) -> None:
    result = report("--date", DAY)

    assert result.returncode == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    ids = [row[COLUMNS.index("receipt_id")] for row in rows[1:]]
    assert ids == receipts[:2]
    assert rows[1][COLUMNS.index("state")] == "queued"
    assert rows[1][COLUMNS.index("received_at")] == "2026-03-14T10:30:00+00:00"
    assert result.stderr.strip() == f"report: 2 receipts of {DAY}"


def test_csv_to_a_file(report, receipts, tmp_path: Path) -> None:
    out = tmp_path / "day.csv"

    result = report("--date", DAY, "--format", "csv", "--out", out)

    assert result.returncode == 0
    assert result.stdout == ""
    assert receipts[1] in out.read_text(encoding="utf-8")
    assert receipts[2] not in out.read_text(encoding="utf-8")


@needs_poppler
def test_pdf_of_a_day(report, receipts, tmp_path: Path) -> None:
    out = tmp_path / "day.pdf"

    result = report("--date", DAY, "--format", "pdf", "--out", out)

    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Receipts of" in text
    assert receipts[0][:8] in text
    assert receipts[2][:8] not in text
    assert f"written to {out}" in result.stderr


@needs_poppler
@pytest.mark.parametrize(
    ("language", "day", "foot"),
    [
        ("en", "2026-03-13", "1 receipt, made by the receiving desk."),
        ("en", DAY, "2 receipts, made by the receiving desk."),
        ("it", "2026-03-13", "1 ricezione, fatta dal banco ricevimento."),
    ],
)
def test_the_pdf_speaks_the_desks_language_with_its_plurals(
    cli, data_dir: Path, receipts, tmp_path: Path, language: str, day: str, foot: str
) -> None:
    out = tmp_path / "day.pdf"

    result = cli(
        "report",
        *("--date", day, "--format", "pdf", "--out", out, "--data-dir", data_dir),
        env={"TZ": "UTC", "CONCIERGE_APP_LANGUAGE": language},
    )

    assert result.returncode == 0, result.stderr
    assert foot in " ".join(pdf_text(out).split())


@pytest.mark.parametrize("bad", ["2026-13-01", "14/03/2026", "yesterday", ""])
def test_a_bad_date_is_a_usage_error_in_one_line(report, receipts, bad) -> None:
    result = report("--date", bad)

    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "is not a date; write it as YYYY-MM-DD" in line


def test_a_pdf_needs_a_file_and_its_folder_must_exist(
    report, receipts, tmp_path: Path
) -> None:
    no_out = report("--date", DAY, "--format", "pdf")
    missing = report("--date", DAY, "--out", tmp_path / "nowhere" / "day.csv")
    folder = report("--date", DAY, "--out", tmp_path)

    assert [r.returncode for r in (no_out, missing, folder)] == [2, 2, 2]
    assert "a PDF needs --out FILE.pdf" in no_out.stderr
    assert "does not exist" in missing.stderr
    assert "is a folder" in folder.stderr


def test_without_a_store_it_says_so(cli, tmp_path: Path) -> None:
    result = cli("report", "--data-dir", tmp_path / "empty")

    assert result.returncode == 1
    assert "There is no local store" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_day_without_receipts_is_an_empty_report(report, receipts) -> None:
    result = report("--date", "2026-01-01")

    assert result.returncode == 0
    assert result.stdout.splitlines() == [",".join(COLUMNS)]
