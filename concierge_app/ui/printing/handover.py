"""The handover receipt: proof, on paper, that a shipment was received.

One page per shipment (fulfillment) for the courier to sign: the facility,
the order and its recipient, every package received with its condition,
who received it and when, and the receipt ids the platform knows them by,
then the packages still expected and lines for the signatures.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from concierge_app.ui.printing import pdf
from concierge_app.ui.printing.files import write_file
from concierge_app.ui.printing.words import condition_words, counts, local_time
from concierge_app.ui.qt import QCoreApplication, QPagedPaintDevice, QTextDocument

if TYPE_CHECKING:
    from concierge_app.store.reports import HandoverReceipt

# The name and shape Qt's lupdate looks for: translate("Context", "literal").
translate = QCoreApplication.translate


def handover_document(
    receipt: HandoverReceipt, printed_at: datetime | None = None
) -> QTextDocument:
    """The handover receipt as a document, to print or to write as PDF."""
    printed_at = printed_at or datetime.now().astimezone()
    facility = receipt.facility_name or translate(
        "HandoverReceipt", "Facility {facility}"
    ).format(facility=receipt.facility)
    title = translate("HandoverReceipt", "Handover receipt {shipment}").format(
        shipment=receipt.fulfillment_id
    )

    parts = [
        "<h1>" + pdf.escape(translate("HandoverReceipt", "Handover receipt")) + "</h1>",
        '<p class="lead">'
        + pdf.escape(
            translate(
                "HandoverReceipt",
                "The packages listed as received were taken in at the facility "
                "in the condition stated. One copy for the courier, one for the "
                "facility.",
            )
        )
        + "</p>",
        pdf.facts(
            [
                (
                    translate("HandoverReceipt", "Facility"),
                    f"{facility} ({receipt.facility})",
                ),
                (translate("HandoverReceipt", "Order"), receipt.order_id),
                (translate("HandoverReceipt", "Recipient"), receipt.recipient),
                (translate("HandoverReceipt", "Shipment"), receipt.fulfillment_id),
                (translate("HandoverReceipt", "Printed"), local_time(printed_at)),
                (translate("HandoverReceipt", "Workstation"), receipt.workstation_id),
            ]
        ),
    ]

    received, total = len(receipt.received), len(receipt.packages)
    parts.append(
        "<h2>"
        + pdf.escape(counts().packages_received(received).format(total=total))
        + "</h2>"
    )
    if receipt.received:
        rows, classes = [], []
        for package in receipt.received:
            condition = condition_words(package.condition)
            if package.note:
                condition += f" — {package.note}"
            rows.append(
                [
                    translate("HandoverReceipt", "{k} of {n}").format(
                        k=package.number, n=package.count
                    ),
                    local_time(package.received_at),
                    package.received_by or "",
                    condition,
                    package.receipt_id
                    or translate("HandoverReceipt", "received at another workstation"),
                ]
            )
            classes.append(["", "", "", "", "id" if package.receipt_id else ""])
        parts.append(
            pdf.table(
                pdf.Table(
                    [
                        translate("HandoverReceipt", "Package"),
                        translate("HandoverReceipt", "Received"),
                        translate("HandoverReceipt", "Received by"),
                        translate("HandoverReceipt", "Condition"),
                        translate("HandoverReceipt", "Receipt id"),
                    ],
                    rows,
                    classes,
                    widths=(10, 17, 20, 21, 32),
                )
            )
        )
    else:
        parts.append(
            "<p>"
            + pdf.escape(
                translate("HandoverReceipt", "No package of this shipment is received.")
            )
            + "</p>"
        )

    if receipt.expected:
        expected = ", ".join(
            translate("HandoverReceipt", "{k} of {n}").format(k=p.number, n=p.count)
            for p in receipt.expected
        )
        parts.append(
            "<h2>"
            + pdf.escape(counts().packages_still_expected(len(receipt.expected)))
            + "</h2><p>"
            + pdf.escape(
                translate(
                    "HandoverReceipt",
                    "Not received, not covered by this receipt: {which}.",
                )
            ).format(which=pdf.escape(expected))
            + "</p>"
        )

    parts.append(_signatures())
    parts.append(
        '<p class="foot">'
        + pdf.escape(
            translate(
                "HandoverReceipt",
                "Each receipt id is the registration of one package with the "
                "partner platform. Made by the receiving desk.",
            )
        )
        + "</p>"
    )
    return pdf.document(title, "".join(parts))


def _signatures() -> str:
    def cell(label: str) -> str:
        # The label at the top, room to write, and the cell's bottom border
        # as the line to sign on.
        return f'<td class="line" width="50%">{pdf.escape(label)}<br/><br/>&nbsp;</td>'

    return (
        '<table class="sign" width="100%" cellspacing="14" cellpadding="2">'
        "<tr>"
        + cell(translate("HandoverReceipt", "Courier, name"))
        + cell(translate("HandoverReceipt", "Courier, signature"))
        + "</tr><tr>"
        + cell(translate("HandoverReceipt", "For the facility"))
        + cell(translate("HandoverReceipt", "Date and time"))
        + "</tr></table>"
    )


def handover_pdf(receipt: HandoverReceipt, printed_at: datetime | None = None) -> bytes:
    """The handover receipt as a PDF file's bytes."""
    return pdf.pdf_bytes(handover_document(receipt, printed_at))


def write_handover_pdf(
    receipt: HandoverReceipt, path: Path, printed_at: datetime | None = None
) -> None:
    """Write the handover receipt to `path` as PDF (OSError when it cannot)."""
    write_file(path, handover_pdf(receipt, printed_at))


def print_handover(receipt: HandoverReceipt, printer: QPagedPaintDevice) -> None:
    """Print the handover receipt on a printer the user chose."""
    pdf.print_to(handover_document(receipt), printer)
