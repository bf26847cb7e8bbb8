"""Render the app icon's SVG into the PNG and ICO files the installers need.

The SVG in `concierge_app/resources/icons/` is the source. The 256 px PNG
is what the window and the Linux hicolor theme use; the ICO (16 to 256 px)
is what PyInstaller and Inno Setup put on Windows. Run it after editing the
SVG and commit the outputs.

Usage: python tools/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "concierge_app/resources/icons/concierge-app.svg"
PNG = ROOT / "concierge_app/resources/icons/concierge-app.png"
ICO = ROOT / "packaging/windows/concierge-app.ico"


def main() -> int:
    """Write the PNG and the ICO; exit non-zero if Qt cannot render them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.stderr.write(f"cannot read {SVG}\n")
        return 1

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image

    ok = render(256).save(str(PNG), "PNG")
    # Qt's ICO writer stores one image per call; the largest is enough for
    # Windows to scale down from, and keeps the tool to Qt alone.
    ok = render(256).save(str(ICO), "ICO") and ok
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
