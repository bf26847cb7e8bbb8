"""The handover receipt and the day's report, read back from their PDFs.

The text is what pdftotext finds; the look is a page rendered by pdftoppm
and measured: not blank, the title at the top, ruled tables, and the
handover receipt's signature lines near the end.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest

from concierge_app.ui.printing.day_report import write_day_report_pdf
from concierge_app.ui.printing.handover import handover_pdf, write_handover_pdf
from concierge_app.ui.printing.report_csv import COLUMNS, csv_text
from concierge_app.ui.qt import load_print_support
from tests.ui.printing.pdftools import (
    dark_rows,
    needs_poppler,
    pdf_pages,
    pdf_text,
    render_page,
    ruled_rows,
    strokes,
)
from tests.ui.printing.samples import RECEIPT_IDS, handover_sample, report_sample

pytestmark = needs_poppler


def _words(text: str) -> str:
    # NFKC: the fonts' ligatures (ﬁ) read back as their letters.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_handover_receipt_says_what_was_received_by_whom(
    qapp, tmp_path: Path
) -> None:
    path = tmp_path / "handover.pdf"

    write_handover_pdf(handover_sample(), path)

    text = _words(pdf_text(path))
    for expected in (
        "Handover receipt",
        "The Plein Hotel (1/1)",
        "1-2603-1-000001",
        "Ms Rossi <VIP> & guest",
        "F-000001-1",
        "ws-front-desk-1",
        "Packages received: 2 of 3",
        "Giulia Conti",
        "Intact",
        "Damaged — corner crushed",
        RECEIPT_IDS[0],
        RECEIPT_IDS[2],
        "Packages still expected: 1",
        "Not received, not covered by this receipt: 2 of 3.",
        "Courier, name",
        "Courier, signature",
        "For the facility",
        "Date and time",
    ):
        assert expected in text, expected
    assert RECEIPT_IDS[1] not in text
    assert pdf_pages(path) == 1


def test_the_handover_receipt_looks_like_a_signed_form(qapp, tmp_path: Path) -> None:
    path = tmp_path / "handover.pdf"
    write_handover_pdf(handover_sample(), path)

    page = render_page(path, tmp_path / "page.png")

    assert page.height() > page.width()
    rows = dark_rows(page)
    inked = [y for y, count in enumerate(rows) if count]
    assert len(inked) > page.height() // 10, "the page is nearly blank"
    assert inked[0] < page.height() // 8, "no title at the top"
    # The package table: grey rules across the page. Below it, the four
    # black signature lines, two by two, each about half the text width.
    table_rules = strokes(ruled_rows(page, page.width() // 2, threshold=200))
    assert len(table_rules) >= 3, "no ruled package table"
    top = table_rules[-1] + 2
    below = page.copy(0, top, page.width(), page.height() - top)
    lines = strokes(ruled_rows(below, page.width() // 4))
    assert len(lines) == 2, f"expected two rows of signature lines, found {lines}"


def test_a_long_shipment_runs_onto_more_pages(qapp, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"

    path.write_bytes(handover_pdf(handover_sample(packages=60)))

    assert pdf_pages(path) >= 2
    assert "Courier, name" in pdf_text(path)


def test_the_handover_receipt_prints_like_its_pdf(qapp, tmp_path: Path) -> None:
    from concierge_app.ui.printing.handover import print_handover

    support = load_print_support()
    printer = support.QPrinter(support.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(support.QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    print_handover(handover_sample(), printer)

    printed = _words(pdf_text(tmp_path / "printed.pdf"))
    assert "Packages received: 2 of 3" in printed
    assert "Courier, name" in printed


def test_the_days_report_lists_every_receipt_with_its_state(
    qapp, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"

    write_day_report_pdf(report_sample(), path)

    text = _words(pdf_text(path))
    for expected in (
        "Receipts of",
        "2026",
        "The Plein Hotel",
        "ws-front-desk-1",
        "Registered",
        "Already received elsewhere; first received by marco; NEEDS ATTENTION",
        "Queued, not yet sent; provisional; NEEDS ATTENTION",
        "Need attention 2",
        "unknown order",
        *(receipt_id[:8] for receipt_id in RECEIPT_IDS),
    ):
        assert expected in text, expected


def test_the_days_report_is_a_landscape_table(qapp, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_day_report_pdf(report_sample(lines=12), path)

    page = render_page(path, tmp_path / "page.png")

    assert page.width() > page.height()
    rules = strokes(ruled_rows(page, int(page.width() * 0.6), threshold=200))
    # A rule above and below the heading and each row that fits on the page.
    assert len(rules) >= 8
    assert pdf_pages(path) == 2


def test_a_day_without_receipts_says_so(qapp, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"

    write_day_report_pdf(report_sample(lines=0), path)

    assert "No receipts were made on this day." in _words(pdf_text(path))


def test_the_days_csv_has_one_row_per_receipt_and_no_formulas() -> None:
    rows = list(csv.reader(io.StringIO(csv_text(report_sample()))))

    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 4
    lost = dict(zip(COLUMNS, rows[2], strict=True))
    assert lost["state"] == "already_received"
    assert lost["first_received_by"] == "marco"
    assert lost["needs_attention"] == "yes"
    assert lost["package"] == "2 of 3"
    assert lost["note"] == "'=SUM(A1:A9)"
    assert rows[1][COLUMNS.index("received_at")].startswith("2026-03-14T")
    provisional = dict(zip(COLUMNS, rows[3], strict=True))
    assert (provisional["order_id"], provisional["provisional"]) == ("", "yes")


def test_a_pdf_that_cannot_be_written_raises_and_leaves_nothing(
    qapp, tmp_path: Path
) -> None:
    folder = tmp_path / "missing"

    with pytest.raises(FileNotFoundError):
        write_handover_pdf(handover_sample(), folder / "handover.pdf")

    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []
