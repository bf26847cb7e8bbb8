"""Icons and colours drawn in code, so the desk needs no image assets.

Each verdict tone has a colour and a shape: a tick in a circle for
accepted, an exclamation mark in a triangle for a notice, a cross in a
circle for refused. The shape alone tells them apart for a concierge who
does not see the colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from concierge_app.domain.verdict import Tone
from concierge_app.ui.qt import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPointF,
    QPolygonF,
    QRectF,
    Qt,
)


@dataclass(frozen=True, slots=True)
class ToneColours:
    """The banner's background and the text colour readable on it."""

    background: str
    text: str


TONE_COLOURS = {
    Tone.ACCEPTED: ToneColours(background="#1b7f3b", text="#ffffff"),
    Tone.NOTICE: ToneColours(background="#f2b705", text="#1a1a1a"),
    Tone.REFUSED: ToneColours(background="#b3261e", text="#ffffff"),
}


def tone_pixmap(tone: Tone, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The tone's icon, `size` logical pixels square, in the banner's text colour."""
    pixmap = QPixmap(round(size * device_pixel_ratio), round(size * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)

    ink = QColor(TONE_COLOURS[tone].text)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stroke = max(2.0, size / 9)
    pen = QPen(ink, stroke)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    inset = stroke / 2 + 1
    box = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)

    if tone is Tone.NOTICE:
        _draw_warning(painter, box)
    else:
        painter.drawEllipse(box)
        if tone is Tone.ACCEPTED:
            _draw_tick(painter, box)
        else:
            _draw_cross(painter, box)
    painter.end()
    return pixmap


def _draw_tick(painter: QPainter, box: QRectF) -> None:
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    path = QPainterPath(QPointF(x + 0.27 * w, y + 0.52 * h))
    path.lineTo(QPointF(x + 0.44 * w, y + 0.69 * h))
    path.lineTo(QPointF(x + 0.74 * w, y + 0.34 * h))
    painter.drawPath(path)


def _draw_cross(painter: QPainter, box: QRectF) -> None:
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    near, far = 0.32, 0.68
    painter.drawLine(
        QPointF(x + near * w, y + near * h), QPointF(x + far * w, y + far * h)
    )
    painter.drawLine(
        QPointF(x + far * w, y + near * h), QPointF(x + near * w, y + far * h)
    )


def _draw_warning(painter: QPainter, box: QRectF) -> None:
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(x + w / 2, y + 0.04 * h),
                QPointF(x + w, y + 0.94 * h),
                QPointF(x, y + 0.94 * h),
            ]
        )
    )
    painter.drawLine(QPointF(x + w / 2, y + 0.38 * h), QPointF(x + w / 2, y + 0.64 * h))
    painter.drawPoint(QPointF(x + w / 2, y + 0.80 * h))


def dot_pixmap(colour: str, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A filled circle, for status words that also carry a colour."""
    pixmap = QPixmap(round(size * device_pixel_ratio), round(size * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return pixmap


def package_pixmap(
    received: bool, size: int, device_pixel_ratio: float = 1.0
) -> QPixmap:
    """A ticked green disc for a received package, an empty ring for one due."""
    pixmap = QPixmap(round(size * device_pixel_ratio), round(size * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stroke = max(1.5, size / 10)
    box = QRectF(stroke, stroke, size - 2 * stroke, size - 2 * stroke)
    if received:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TONE_COLOURS[Tone.ACCEPTED].background))
        painter.drawEllipse(box)
        pen = QPen(QColor("#ffffff"), stroke * 1.3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _draw_tick(painter, box)
    else:
        painter.setPen(QPen(QColor("#6b6b6b"), stroke))
        painter.drawEllipse(box)
    painter.end()
    return pixmap
