"""Writing the desk's documents to PDF and to paper, with Qt's own writer.

A document is a `QTextDocument` built from simple HTML (tables paginate by
themselves); the same document goes to a PDF file or to a printer. The
PDF is made in memory and then written to its file under a temporary name
and renamed, so a full disk or a folder that cannot be written gives a
clear `OSError` and never half a file. These helpers are shared by the
handover receipt and the day's report.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from concierge_app.ui.qt import (
    QBuffer,
    QCoreApplication,
    QFont,
    QGuiApplication,
    QIODevice,
    QMarginsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

MARGIN_MM = 15.0
CREATOR = "concierge-app"

# QTextDocument's subset of CSS: enough for ruled tables and a signature line.
STYLE = """
body { font-size: 10pt; }
h1 { font-size: 17pt; margin-bottom: 2pt; }
h2 { font-size: 12pt; margin-top: 12pt; }
p.lead { color: #444444; }
table.facts td { padding: 1pt 12pt 1pt 0pt; }
table.facts td.label { color: #555555; }
table.lines { border-collapse: collapse; margin-top: 6pt; }
table.lines th { background-color: #e6e6e6; border: 1px solid #999999;
    padding: 3pt 5pt; text-align: left; }
table.lines td { border: 1px solid #999999; padding: 3pt 5pt; }
td.id { font-family: monospace; font-size: 7.5pt; }
td.attention { color: #b3261e; font-weight: bold; }
table.sign { margin-top: 26pt; }
table.sign td { padding: 16pt 14pt 2pt 0pt; }
td.line { border-bottom: 1px solid #000000; }
p.foot { color: #666666; font-size: 8pt; margin-top: 18pt; }
"""


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table: its headings and rows of plain text (escaped when written)."""

    headings: Sequence[str]
    rows: Sequence[Sequence[str]]
    classes: Sequence[Sequence[str]] = ()
    """Optional CSS classes per cell (`id`, `attention`), row by row."""


def escape(text: object) -> str:
    """Text made safe to put into the document's HTML."""
    return html.escape(str(text), quote=True)


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table of labels and values, as HTML."""
    rows = "".join(
        f'<tr><td class="label">{escape(label)}</td>'
        f"<td><b>{escape(value)}</b></td></tr>"
        for label, value in pairs
    )
    return f'<table class="facts">{rows}</table>'


def table(content: Table) -> str:
    """A ruled table, as HTML."""
    head = "".join(f"<th>{escape(h)}</th>" for h in content.headings)
    body = []
    for number, row in enumerate(content.rows):
        classes = content.classes[number] if number < len(content.classes) else ()
        cells = []
        for column, cell in enumerate(row):
            name = classes[column] if column < len(classes) else ""
            attribute = f' class="{name}"' if name else ""
            cells.append(f"<td{attribute}>{escape(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="lines" width="100%" cellspacing="0">'
        f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>"
    )


def document(title: str, body: str) -> QTextDocument:
    """A document with the desk's style, ready to write or print."""
    made = QTextDocument()
    made.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    font = QFont(made.defaultFont())
    font.setPointSizeF(10.0)
    made.setDefaultFont(font)
    made.setDefaultStyleSheet(STYLE)
    made.setHtml(f"<html><body>{body}</body></html>")
    return made


def _set_up(device: QPagedPaintDevice, orientation: QPageLayout.Orientation) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )


def pdf_bytes(
    content: QTextDocument,
    *,
    orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait,
) -> bytes:
    """The document as a PDF file's bytes, A4 with the desk's margins."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(
        content.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    )
    writer.setCreator(CREATOR)
    _set_up(writer, orientation)
    # print_ ends its own painter, which writes the PDF's last bytes.
    content.print_(writer)
    del writer
    buffer.close()
    return bytes(buffer.data().data())


def print_to(
    content: QTextDocument,
    printer: QPagedPaintDevice,
    *,
    orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait,
) -> None:
    """Send the document to a printer (a QPrinter the user chose)."""
    _set_up(printer, orientation)
    content.print_(printer)


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; raises OSError to word."""
    folder = path.parent if str(path.parent) else Path()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=folder
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def offscreen_application() -> QCoreApplication:
    """The running Qt application, or a new offscreen one for the command line.

    Qt lays text out only with a GUI application (it needs the fonts); the
    headless commands have no window, so theirs is offscreen.
    """
    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication([CREATOR, "-platform", "offscreen"])
    return app
