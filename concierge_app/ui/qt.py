"""The one door through which the ui imports Qt.

Every other ui module takes its Qt names from here, so the binding, its
version quirks and the optional modules are handled in one place. Names are
re-exported one by one; add a name here when a widget needs it.

QtMultimedia ships in PySide6-Addons, not in PySide6-Essentials; when it is
missing, `load_multimedia()` gives None and the desk runs silent.

Importing PySide6 also installs its `__feature__` import hook, which asks of
every module imported afterwards whether its source mentions PySide6, by
`inspect.getsource`: most of a millisecond a module, for the hundreds the
desk imports after Qt, a good part of its start-up. `_quicker_feature_scan`
gives the hook the same answer from the file's bytes.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLocale,
    QLoggingCategory,
    QMessageLogContext,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QtMsgType,
    QTranslator,
    QUrl,
    Signal,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStatusBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


def _quicker_feature_scan() -> None:
    # PySide6's shibokensupport.feature (PYSIDE-2029) marks each imported
    # module 0 when its source holds "PySide6" and -1 ("ignore") otherwise;
    # the desk selects no feature, so only the speed of the answer changes.
    # A PySide6 without that private function is left as it is.
    feature = sys.modules.get("shibokensupport.feature")
    scan: Callable[[ModuleType], bool] | None = getattr(
        feature, "_mod_uses_pyside", None
    )
    if feature is None or scan is None or getattr(scan, "quicker", False):
        return
    slow_scan = scan

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            # Built in, compiled, or from a zip: as PySide6 itself would.
            return slow_scan(module)
        try:
            return b"PySide6" in Path(path).read_bytes()
        except OSError:
            return False

    uses_pyside.quicker = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_quicker_feature_scan()


@functools.cache
def load_multimedia() -> ModuleType | None:
    """PySide6.QtMultimedia (for sound effects), or None where it is missing.

    Imported on first use, not with this module: loading it probes the
    audio back ends, which costs time and is only needed for sounds.
    """
    # Without PipeWire, Qt falls back to PulseAudio and says so twice on
    # standard error; that is not a problem the desk can act on.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false")
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia


__all__ = [
    "QAbstractButton",
    "QAbstractSpinBox",
    "QAction",
    "QApplication",
    "QBrush",
    "QCloseEvent",
    "QColor",
    "QCoreApplication",
    "QEvent",
    "QEventLoop",
    "QFont",
    "QFontMetrics",
    "QFrame",
    "QGridLayout",
    "QGuiApplication",
    "QHBoxLayout",
    "QIcon",
    "QImage",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QLoggingCategory",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QMessageLogContext",
    "QObject",
    "QPainter",
    "QPainterPath",
    "QPalette",
    "QPen",
    "QPixmap",
    "QPlainTextEdit",
    "QPointF",
    "QPolygonF",
    "QPushButton",
    "QRectF",
    "QSize",
    "QSizePolicy",
    "QStackedWidget",
    "QStatusBar",
    "QTabWidget",
    "QTextEdit",
    "QTimer",
    "QToolButton",
    "QTranslator",
    "QUrl",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "QtMsgType",
    "Signal",
    "load_multimedia",
    "qInstallMessageHandler",
    "qVersion",
]
