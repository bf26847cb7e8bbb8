"""Label pictures for the decoding tests, made as a printer would make them.

QR codes and Code 128 are drawn by the label sheet's own code
(`ui.printing.label_sheet`: segno and python-barcode, painted module by
module into a QImage), so the pictures are exact and need no image library.
The transforms give what a camera sees instead: turned, smaller or larger,
slightly out of focus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from concierge_app.ui.printing import label_sheet


def qr_image(text: str, module: int = 4) -> QImage:
    """A QR code of `text`, `module` pixels a module, as the label sheet draws it."""
    return label_sheet.qr_image(text, module_px=module)


def code128_image(text: str, module: int = 2, height: int = 60) -> QImage:
    """A Code 128 of `text`, `module` pixels a bar module, `height` tall."""
    return label_sheet.code128_image(text, module_px=module, height_px=height)


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
