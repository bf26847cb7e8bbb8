"""Package labels drawn with Qt: an A4 PDF sheet, or one label as an image.

Each label has the QR code of its signed label, the Code 128 of its bare
token, the token printed in groups for typing, the order id and package k
of n. The same painting code draws a label on a PDF page and on a `QImage`,
so what a test decodes from an image is what the printer gets.

For the camera's decoding tests: `qr_image` and `code128_image` give one
code as a crisp image at a whole number of pixels per module;
`label_image` gives a whole label as printed, and
`SheetLabel.from_listing` makes a label from the sandbox's label listing.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concierge_app.domain import token as token_scheme
from concierge_app.ui.printing.codes import (
    CODE128_QUIET_MODULES,
    QR_QUIET_MODULES,
    code128_modules,
    qr_modules,
)
from concierge_app.ui.qt import (
    QColor,
    QCoreApplication,
    QFont,
    QGuiApplication,
    QImage,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRectF,
    Qt,
)

logger = logging.getLogger(__name__)

PDF_DPI = 600
IMAGE_DPI = 300
PAGE_MM = (210.0, 297.0)
MARGIN_MM = 10.0
HEADER_MM = 8.0
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
LABEL_MM = ((PAGE_MM[0] - 2 * MARGIN_MM) / COLUMNS, 66.0)
PADDING_MM = 4.0
QR_MM = 30.0
BARS_MM = 13.0
MAX_BAR_MODULE_MM = 0.38

_BLACK = QColor("#000000")
_GREY = QColor("#555555")
_WHITE = QColor("#ffffff")


class LabelSheetError(Exception):
    """The sheet could not be written; the message says where and why."""


@dataclass(frozen=True, slots=True)
class SheetLabel:
    """What one printed label shows; the token and payload stay out of `repr`."""

    token: str = field(repr=False)
    payload: str = field(repr=False)
    order_id: str
    fulfillment_id: str
    number: int
    count: int
    caption: str = ""

    @classmethod
    def from_listing(cls, package: Mapping[str, Any], caption: str = "") -> SheetLabel:
        """A label from one entry of the sandbox's `GET /_sandbox/labels`.

        Raises KeyError or TypeError for an entry without those members.
        """
        return cls(
            token=str(package["token"]),
            payload=str(package["label"]),
            order_id=str(package["order_id"]),
            fulfillment_id=str(package["fulfillment_id"]),
            number=int(package["number"]),
            count=int(package["count"]),
            caption=caption,
        )


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("LabelSheet", text, None, n)


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one for printing alone.

    Fonts need a `QGuiApplication`; a command that only prints needs no
    display, so it gets the offscreen platform.
    """
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    return QGuiApplication(["concierge-app", "-platform", "offscreen"])


# -- one code as an image ------------------------------------------------------


def qr_image(payload: str, *, module_px: int = 4) -> QImage:
    """The QR code of `payload`, `module_px` pixels a module, quiet zone included."""
    modules = qr_modules(payload)
    side = (len(modules) + 2 * QR_QUIET_MODULES) * module_px
    image = _blank(side, side)
    painter = QPainter(image)
    try:
        _paint_qr(painter, modules, 0.0, 0.0, float(module_px))
    finally:
        painter.end()
    return image


def code128_image(text: str, *, module_px: int = 2, height_px: int = 60) -> QImage:
    """The Code 128 of `text`, `module_px` pixels a module, quiet zones included."""
    modules = code128_modules(text)
    width = (len(modules) + 2 * CODE128_QUIET_MODULES) * module_px
    image = _blank(width, height_px)
    painter = QPainter(image)
    try:
        _paint_bars(
            painter,
            modules,
            CODE128_QUIET_MODULES * module_px,
            0.0,
            float(module_px),
            float(height_px),
        )
    finally:
        painter.end()
    return image


def label_image(label: SheetLabel, *, dpi: int = IMAGE_DPI) -> QImage:
    """One whole label as it is printed, at `dpi`."""
    scale = dpi / 25.4
    image = _blank(round(LABEL_MM[0] * scale), round(LABEL_MM[1] * scale))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        _paint_label(painter, label, 0.0, 0.0, scale)
    finally:
        painter.end()
    return image


def label_qr_rect(*, dpi: int = IMAGE_DPI) -> QRectF:
    """Where `label_image` puts the QR code (quiet zone included), in pixels."""
    scale = dpi / 25.4
    return QRectF(PADDING_MM * scale, PADDING_MM * scale, QR_MM * scale, QR_MM * scale)


def _blank(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(_WHITE)
    return image


# -- the sheet -----------------------------------------------------------------


def write_label_sheet(labels: Sequence[SheetLabel], path: Path, *, heading: str) -> int:
    """Write every label to an A4 PDF at `path`, eight a page; the page count."""
    ensure_application()
    if not path.parent.is_dir():
        raise LabelSheetError(f"The folder {path.parent} does not exist.")
    if not labels:
        raise LabelSheetError("There are no labels to print.")

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setResolution(PDF_DPI)
    writer.setTitle(heading)
    writer.setCreator("concierge-app")
    pages = math.ceil(len(labels) / PER_PAGE)

    painter = QPainter()
    if not painter.begin(writer):
        raise LabelSheetError(f"{path} cannot be written.")
    try:
        scale = PDF_DPI / 25.4
        for page in range(pages):
            if page:
                writer.newPage()
            _paint_header(painter, heading, page + 1, pages, scale)
            for slot, label in enumerate(
                labels[page * PER_PAGE : (page + 1) * PER_PAGE]
            ):
                row, column = divmod(slot, COLUMNS)
                x = MARGIN_MM + column * LABEL_MM[0]
                y = MARGIN_MM + HEADER_MM + row * LABEL_MM[1]
                _paint_cut_marks(painter, x, y, scale)
                _paint_label(painter, label, x * scale, y * scale, scale)
    finally:
        painter.end()
    if not path.is_file():
        raise LabelSheetError(f"{path} was not written.")
    logger.info("label sheet: %d labels on %d pages in %s", len(labels), pages, path)
    return pages


def _paint_header(
    painter: QPainter, heading: str, page: int, pages: int, scale: float
) -> None:
    painter.setPen(_GREY)
    painter.setFont(_font(8))
    text = _tr("{heading} · page {page} of %n", pages).format(
        heading=heading, page=page
    )
    painter.drawText(
        QRectF(MARGIN_MM * scale, MARGIN_MM * scale, 190 * scale, HEADER_MM * scale),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        text,
    )


def _paint_cut_marks(painter: QPainter, x: float, y: float, scale: float) -> None:
    pen = QPen(_GREY)
    pen.setStyle(Qt.PenStyle.DotLine)
    pen.setWidthF(0.1 * scale)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(
        QRectF(x * scale, y * scale, LABEL_MM[0] * scale, LABEL_MM[1] * scale)
    )


# -- one label -----------------------------------------------------------------


def _paint_label(
    painter: QPainter, label: SheetLabel, left: float, top: float, scale: float
) -> None:
    # `scale` is device pixels per millimetre; fonts are sized in points and
    # follow the device's resolution by themselves.
    pad = PADDING_MM * scale
    width = LABEL_MM[0] * scale - 2 * pad

    qr = qr_modules(label.payload)
    qr_side = QR_MM * scale
    module = qr_side / (len(qr) + 2 * QR_QUIET_MODULES)
    _paint_qr(painter, qr, left + pad, top + pad, module)

    text_left = left + pad + qr_side + 2 * scale
    text_width = left + pad + width - text_left
    lines = (
        (
            _font(11, bold=True),
            _BLACK,
            _tr("Order {order}").format(order=label.order_id),
        ),
        (
            _font(11),
            _BLACK,
            _tr("Package {number} of %n", label.count).format(number=label.number),
        ),
        (
            _font(8),
            _BLACK,
            _tr("Shipment {fulfillment}").format(fulfillment=label.fulfillment_id),
        ),
        (_font(7), _GREY, label.caption),
    )
    y = top + pad + 1 * scale
    for font, colour, text in lines:
        if not text:
            continue
        painter.setFont(font)
        painter.setPen(colour)
        height = 6 * scale
        painter.drawText(
            QRectF(text_left, y, text_width, height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        y += height

    token_top = top + pad + qr_side + 1 * scale
    painter.setFont(_font(13, bold=True, mono=True))
    painter.setPen(_BLACK)
    painter.drawText(
        QRectF(left + pad, token_top, width, 7 * scale),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
        token_scheme.format_groups(label.token),
    )

    bars = code128_modules(label.token)
    total = len(bars) + 2 * CODE128_QUIET_MODULES
    bar_module = min(MAX_BAR_MODULE_MM * scale, width / total)
    bars_left = left + pad + (width - total * bar_module) / 2
    _paint_bars(
        painter,
        bars,
        bars_left + CODE128_QUIET_MODULES * bar_module,
        token_top + 8 * scale,
        bar_module,
        BARS_MM * scale,
    )


def _paint_qr(
    painter: QPainter, modules: list[list[bool]], left: float, top: float, size: float
) -> None:
    # One rectangle per run of dark modules in a row: fewer shapes, and no
    # hairline seams between neighbours in a PDF viewer.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_BLACK)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    origin_x = left + QR_QUIET_MODULES * size
    origin_y = top + QR_QUIET_MODULES * size
    for row, line in enumerate(modules):
        column = 0
        while column < len(line):
            if not line[column]:
                column += 1
                continue
            start = column
            while column < len(line) and line[column]:
                column += 1
            painter.drawRect(
                QRectF(
                    origin_x + start * size,
                    origin_y + row * size,
                    (column - start) * size,
                    size,
                )
            )


def _paint_bars(
    painter: QPainter,
    modules: str,
    left: float,
    top: float,
    module: float,
    height: float,
) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_BLACK)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    index = 0
    while index < len(modules):
        if modules[index] != "1":
            index += 1
            continue
        start = index
        while index < len(modules) and modules[index] == "1":
            index += 1
        painter.drawRect(
            QRectF(left + start * module, top, (index - start) * module, height)
        )


def _font(points: float, *, bold: bool = False, mono: bool = False) -> QFont:
    font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.Monospace if mono else QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
