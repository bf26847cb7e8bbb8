"""The camera's decoding, on label pictures with real tokens.

Each picture is decoded by `decode_image`, the function the camera path
runs on every frame, and the decoded text goes through `payload.parse_scan`
as a typed scan does: the camera must give the same reading as the keyboard.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPdfWriter

from concierge_app.domain import token as token_scheme
from concierge_app.domain.payload import TokenScan, Unreadable, parse_scan
from concierge_app.ui.camera.decoding import decode_image
from tests.ui.camera.labels import (
    blurred,
    code128_image,
    on_desk,
    qr_image,
    rotated,
    scaled,
)
from tests.ui.printing.pdftools import needs_poppler, render_page

TOKENS = [
    token_scheme.from_payload(p) for p in ("7K3MQ2XD9TPAW4HN", "0000111122223333")
]
ORDER = "1-2603-1-000001"


def qr_label(token: str) -> str:
    return f"{ORDER}/{token_scheme.format_groups(token)}"


@pytest.mark.parametrize("token", TOKENS)
def test_a_qr_label_reads_as_the_typed_label(qapp, token: str) -> None:
    text = qr_label(token)

    (decoded,) = decode_image(qr_image(text))

    assert decoded == text
    assert parse_scan(decoded) == parse_scan(text)
    parsed = parse_scan(decoded)
    assert isinstance(parsed, TokenScan)
    assert parsed.token == token
    assert str(parsed.order_id) == ORDER


@pytest.mark.parametrize("token", TOKENS)
def test_a_code128_label_reads_as_the_bare_token(qapp, token: str) -> None:
    (decoded,) = decode_image(code128_image(token))

    assert decoded == token
    assert parse_scan(decoded) == parse_scan(token_scheme.format_groups(token))


# What a camera does to a label held up to it. A QR code reads at any
# angle; a Code 128 is read along its bars, so it is turned only as far as
# a line across it still crosses every bar (a hand-held scanner's limit too).
COMMON = {
    "turned 90": lambda image: rotated(image, 90),
    "turned 180": lambda image: rotated(image, 180),
    "turned 270": lambda image: rotated(image, 270),
    "smaller": lambda image: scaled(image, 0.6),
    "larger": lambda image: scaled(image, 2.0),
    "out of focus": lambda image: blurred(image, 2),
}
QR_TRANSFORMS = COMMON | {
    "turned 17": lambda image: rotated(image, 17),
    "turned -35": lambda image: rotated(image, -35),
    "turned, smaller and out of focus": lambda image: blurred(
        scaled(rotated(image, 12), 0.8), 2
    ),
}
BAR_TRANSFORMS = COMMON | {
    "turned 8": lambda image: rotated(image, 8),
    "turned -10": lambda image: rotated(image, -10),
    "turned, smaller and out of focus": lambda image: blurred(
        scaled(rotated(image, 6), 0.8), 2
    ),
}


@pytest.mark.parametrize("how", QR_TRANSFORMS)
def test_a_qr_label_reads_turned_scaled_and_blurred(qapp, how: str) -> None:
    text = qr_label(TOKENS[0])

    decoded = decode_image(QR_TRANSFORMS[how](qr_image(text, module=5)))

    assert decoded == (text,)


@pytest.mark.parametrize("how", BAR_TRANSFORMS)
def test_a_code128_label_reads_turned_scaled_and_blurred(qapp, how: str) -> None:
    token = TOKENS[1]
    label = code128_image(token, module=3, height=120)

    decoded = decode_image(BAR_TRANSFORMS[how](label))

    assert decoded == (token,)


def test_both_codes_of_a_label_in_one_frame_read_qr_first(qapp) -> None:
    token = TOKENS[0]
    frame = on_desk(code128_image(token, module=3), qr_image(qr_label(token)))

    decoded = decode_image(frame)

    assert decoded == (qr_label(token), token)
    readings = {parse_scan(text) for text in decoded}
    assert {r.token for r in readings if isinstance(r, TokenScan)} == {token}


def test_a_mistyped_token_on_a_label_reads_as_unreadable_like_the_keyboard(
    qapp,
) -> None:
    wrong = TOKENS[0][:-1] + ("0" if TOKENS[0][-1] != "0" else "1")

    (decoded,) = decode_image(qr_image(wrong))

    assert isinstance(parse_scan(decoded), Unreadable)
    assert parse_scan(decoded) == parse_scan(wrong)


def test_a_picture_without_a_code_reads_nothing(qapp) -> None:
    blank = QImage(320, 240, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFF)

    assert decode_image(blank) == ()
    assert decode_image(QImage()) == ()


@needs_poppler
def test_labels_printed_to_pdf_read_back_from_the_rendered_page(
    qapp, tmp_path: Path
) -> None:
    # The path of a printed label sheet: codes drawn into a PDF at their
    # printed size, the page rendered as a camera-like picture, decoded.
    token = TOKENS[0]
    path = tmp_path / "labels.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    painter = QPainter(writer)
    # About 25 mm for the QR code and 60 mm for the Code 128 at 300 dpi.
    painter.drawImage(QRectF(100, 100, 300, 300), qr_image(qr_label(token), module=1))
    painter.drawImage(
        QRectF(100, 500, 700, 150), code128_image(token, module=1, height=40)
    )
    painter.end()

    # At 200 dpi a 0.25 mm bar module is two pixels wide; at 150 dpi the
    # rendered Code 128 blurs past reading (the QR code still reads).
    page = render_page(path, tmp_path / "page.png", dpi=200)

    assert decode_image(page) == (qr_label(token), token)
