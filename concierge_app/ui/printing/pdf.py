"""Writing the desk's documents to PDF and to paper, with Qt's own writer.

A document is a `QTextDocument` built from simple HTML (tables paginate by
themselves); the same document goes to a PDF file or to a printer. The
PDF is made in memory and written with `files.write_file`, whole or not at
all. These helpers are shared by the handover receipt and the day's report.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
table.facts { margin-bottom: 6pt; }
td.label { color: #555555; white-space: nowrap; }
table.lines { border-collapse: collapse; margin-top: 4pt; }
table.lines th { background-color: #e6e6e6; border: 1px solid #808080;
    text-align: left; white-space: nowrap; }
table.lines td { border: 1px solid #808080; }
td.id { font-family: monospace; font-size: 7pt; white-space: nowrap; }
td.keep { white-space: nowrap; }
td.attention { color: #b3261e; font-weight: bold; }
table.sign { margin-top: 30pt; }
td.line { border-bottom: 1px solid #000000; color: #555555; }
p.foot { color: #666666; font-size: 8pt; margin-top: 18pt; }
"""


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table: its headings and rows of plain text (escaped when written)."""

    headings: Sequence[str]
    rows: Sequence[Sequence[str]]
    classes: Sequence[Sequence[str]] = ()
    """Optional CSS classes per cell (`id`, `keep`, `attention`), row by row."""
    widths: Sequence[int] = ()
    """Optional width of each column, in percent of the page."""


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
    return f'<table class="facts" cellspacing="0" cellpadding="2">{rows}</table>'


def table(content: Table) -> str:
    """A ruled table, as HTML."""
    widths = list(content.widths) + [0] * len(content.headings)
    head = "".join(
        f'<th width="{width}%">{escape(h)}</th>' if width else f"<th>{escape(h)}</th>"
        for h, width in zip(content.headings, widths, strict=False)
    )
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
        '<table class="lines" width="100%" cellspacing="0" cellpadding="4">'
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
    """Send the document to a printer (a QPrinter the user chose).

    Raises OSError when the printer would not start (no printer, or a file
    that cannot be written for "print to file"): Qt only warns about it.
    """
    _set_up(printer, orientation)
    content.print_(printer)
    state = getattr(printer, "printerState", None)
    if state is not None and state().name in ("Error", "Aborted"):
        raise OSError("the printer did not accept the document")


def offscreen_application() -> QCoreApplication:
    """The running Qt application, or a new offscreen one for the command line.

    Qt lays text out only with a GUI application (it needs the fonts); the
    headless commands have no window, so theirs is offscreen.
    """
    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication([CREATOR, "-platform", "offscreen"])
    return app
