"""Label pictures for the decoding tests, made as a printer would make them.

QR codes come from segno and Code 128 from python-barcode, the libraries
the label sheet uses; each is painted module by module into a QImage, so
the pictures are exact and need no image library. The transforms give what
a camera sees instead: turned, smaller or larger, slightly out of focus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import barcode
import segno
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

QUIET_MODULES = 10
"""White modules around a Code 128, as its specification asks."""


def qr_image(text: str, module: int = 4) -> QImage:
    """A QR code of `text`, `module` pixels a module, with its quiet zone."""
    code = segno.make_qr(text, error="m")
    rows = list(code.matrix_iter(scale=1, border=4))
    image = _white(len(rows[0]) * module, len(rows) * module)
    with _painter(image) as painter:
        for y, row in enumerate(rows):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(QRect(x * module, y * module, module, module), 0)
    return image


def code128_image(text: str, module: int = 2, height: int = 60) -> QImage:
    """A Code 128 of `text`, `module` pixels a bar module, `height` tall."""
    (bars,) = barcode.get("code128", text).build()
    width = (len(bars) + 2 * QUIET_MODULES) * module
    image = _white(width, height + 2 * module * 4)
    with _painter(image) as painter:
        for x, bar in enumerate(bars, start=QUIET_MODULES):
            if bar == "1":
                painter.fillRect(QRect(x * module, module * 4, module, height), 0)
    return image


def rotated(image: QImage, degrees: float) -> QImage:
    """The picture turned by `degrees`, on a white ground."""
    turned = image.transformed(
        QTransform().rotate(degrees), Qt.TransformationMode.SmoothTransformation
    )
    ground = _white(turned.width(), turned.height())
    with _painter(ground) as painter:
        painter.drawImage(QPointF(0, 0), turned)
    return ground


def scaled(image: QImage, factor: float) -> QImage:
    """The picture `factor` times its size, smoothly resampled."""
    return image.scaled(
        round(image.width() * factor),
        round(image.height() * factor),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def blurred(image: QImage, radius: int = 2) -> QImage:
    """The picture slightly out of focus: shrunk by `radius`, then enlarged back."""
    small = image.scaled(
        max(1, image.width() // radius),
        max(1, image.height() // radius),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return small.scaled(
        image.width(),
        image.height(),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def on_desk(*codes: QImage, margin: int = 40) -> QImage:
    """Codes side by side on a grey desk, as a camera frame (RGB32) shows them."""
    width = sum(code.width() for code in codes) + margin * (len(codes) + 1)
    height = max((code.height() for code in codes), default=100) + 2 * margin
    frame = QImage(width, height, QImage.Format.Format_RGB32)
    frame.fill(QColor(170, 160, 150))
    with _painter(frame) as painter:
        x = margin
        for code in codes:
            painter.drawImage(QPointF(x, margin), code)
            x += code.width() + margin
    return frame


def _white(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    return image


@contextlib.contextmanager
def _painter(image: QImage) -> Iterator[QPainter]:
    painter = QPainter(image)
    try:
        yield painter
    finally:
        painter.end()
