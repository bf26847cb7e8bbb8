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
    QAbstractTableModel,
    QBuffer,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QEventLoop,
    QIODevice,
    QLibraryInfo,
    QLocale,
    QLoggingCategory,
    QMarginsF,
    QMessageLogContext,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
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
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPalette,
    QPdfWriter,
    QPen,
    QPixmap,
    QPolygonF,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStatusBar,
    QTableView,
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


@functools.cache
def load_multimedia_widgets() -> ModuleType | None:
    """PySide6.QtMultimediaWidgets (the camera's video widget), or None."""
    if load_multimedia() is None:
        return None
    try:
        from PySide6 import QtMultimediaWidgets
    except ImportError:
        return None
    return QtMultimediaWidgets


@functools.cache
def load_print_support() -> ModuleType:
    """PySide6.QtPrintSupport (printers and the print dialog), on first print."""
    from PySide6 import QtPrintSupport

    return QtPrintSupport


__all__ = [
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractSpinBox",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QBrush",
    "QBuffer",
    "QCheckBox",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QDate",
    "QDateEdit",
    "QDateTime",
    "QDialog",
    "QDialogButtonBox",
    "QEvent",
    "QEventLoop",
    "QFileDialog",
    "QFont",
    "QFontMetrics",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIODevice",
    "QIcon",
    "QImage",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QLoggingCategory",
    "QMainWindow",
    "QMarginsF",
    "QMenu",
    "QMenuBar",
    "QMessageBox",
    "QMessageLogContext",
    "QModelIndex",
    "QObject",
    "QPageLayout",
    "QPageSize",
    "QPagedPaintDevice",
    "QPainter",
    "QPainterPath",
    "QPalette",
    "QPdfWriter",
    "QPen",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPointF",
    "QPolygonF",
    "QPushButton",
    "QRectF",
    "QSize",
    "QSizePolicy",
    "QSpinBox",
    "QStackedWidget",
    "QStatusBar",
    "QTabWidget",
    "QTableView",
    "QTextDocument",
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
    "load_multimedia_widgets",
    "load_print_support",
    "qInstallMessageHandler",
    "qVersion",
]
