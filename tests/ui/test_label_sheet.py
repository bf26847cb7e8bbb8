"""The label sheet: what is drawn is what was meant, and the PDF reads back.

Codes are checked module by module against the patterns segno and
python-barcode made for the payload, by sampling the drawn image at each
module's centre; the PDF's text is read back with pdftotext (poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from concierge_app.domain import token as token_scheme
from concierge_app.ui.printing.codes import (
    CODE128_QUIET_MODULES,
    QR_QUIET_MODULES,
    code128_modules,
    qr_modules,
)
from concierge_app.ui.printing.label_sheet import (
    IMAGE_DPI,
    PER_PAGE,
    LabelSheetError,
    SheetLabel,
    code128_image,
    label_image,
    label_qr_rect,
    qr_image,
    write_label_sheet,
)
from concierge_app.ui.qt import QImage

PAYLOAD = "CSL1-" + "0123456789ABCDEFGHJKMNPQRSTVWXYZ" * 6


def sheet_label(number: int, count: int = 3, order: int = 2) -> SheetLabel:
    token = token_scheme.from_payload(f"{order:04d}QTAW4HN{number:05d}")
    return SheetLabel(
        token=token,
        payload=PAYLOAD + str(number),
        order_id=f"1-2603-1-{order:06d}",
        fulfillment_id=f"F-{order:06d}-1",
        number=number,
        count=count,
        caption="demo accepted multi: accepted at partner 1",
    )


def dark(image: QImage, x: float, y: float) -> bool:
    return image.pixelColor(int(x), int(y)).lightness() < 128


def read_qr(image: QImage, left: float, top: float, side: float, size: int) -> list:
    module = side / (size + 2 * QR_QUIET_MODULES)
    return [
        [
            dark(
                image,
                left + (QR_QUIET_MODULES + column + 0.5) * module,
                top + (QR_QUIET_MODULES + row + 0.5) * module,
            )
            for column in range(size)
        ]
        for row in range(size)
    ]


def pdftotext(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: install poppler-utils (see .ci/run)"
    result = subprocess.run(
        [tool, "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_the_qr_image_holds_exactly_the_payloads_modules(qapp) -> None:
    expected = qr_modules(PAYLOAD)
    image = qr_image(PAYLOAD, module_px=3)

    side = (len(expected) + 2 * QR_QUIET_MODULES) * 3
    assert (image.width(), image.height()) == (side, side)
    assert read_qr(image, 0, 0, side, len(expected)) == expected
    # The quiet zone is light all round.
    assert not any(dark(image, x, 1) for x in range(side))


def test_the_code128_image_holds_exactly_the_tokens_bars(qapp) -> None:
    token = sheet_label(1).token
    expected = code128_modules(token)
    image = code128_image(token, module_px=2, height_px=40)

    row = [
        "1" if dark(image, (CODE128_QUIET_MODULES + i + 0.5) * 2, 20) else "0"
        for i in range(len(expected))
    ]
    assert "".join(row) == expected
    assert image.width() == (len(expected) + 2 * CODE128_QUIET_MODULES) * 2


def test_a_whole_label_image_carries_the_same_qr_as_printed(qapp) -> None:
    label = sheet_label(2)
    image = label_image(label)
    rect = label_qr_rect(dpi=IMAGE_DPI)
    expected = qr_modules(label.payload)

    found = read_qr(image, rect.left(), rect.top(), rect.width(), len(expected))

    assert found == expected


def test_the_sheet_is_an_a4_pdf_whose_text_names_every_label(
    qapp, tmp_path: Path
) -> None:
    labels = [sheet_label(n, count=PER_PAGE + 1) for n in range(1, PER_PAGE + 2)]
    out = tmp_path / "labels.pdf"

    pages = write_label_sheet(labels, out, heading="Sandbox labels")

    assert pages == 2
    assert out.read_bytes().startswith(b"%PDF")
    text = pdftotext(out)
    assert text.count("\f") == 2
    for label in labels:
        assert token_scheme.format_groups(label.token) in text
        assert f"Package {label.number} of {label.count}" in text
    assert "Order 1-2603-1-000002" in text
    assert "Shipment F-000002-1" in text
    assert "page 2 of 2" in text


def test_a_sheet_for_a_missing_folder_or_no_labels_says_so(
    qapp, tmp_path: Path
) -> None:
    with pytest.raises(LabelSheetError, match="does not exist"):
        write_label_sheet([sheet_label(1)], tmp_path / "no" / "x.pdf", heading="h")
    with pytest.raises(LabelSheetError, match="no labels"):
        write_label_sheet([], tmp_path / "x.pdf", heading="h")


def test_the_label_keeps_its_secrets_out_of_repr() -> None:
    label = sheet_label(1)

    assert label.token not in repr(label)
    assert label.payload not in repr(label)


def test_a_label_is_made_from_the_sandboxs_listing_entry() -> None:
    label = sheet_label(1)
    entry = {
        "token": label.token,
        "label": label.payload,
        "order_id": label.order_id,
        "fulfillment_id": label.fulfillment_id,
        "number": label.number,
        "count": label.count,
        "verdict": "accepted",
    }

    assert SheetLabel.from_listing(entry, label.caption) == label
    with pytest.raises(KeyError):
        SheetLabel.from_listing({"token": label.token})
