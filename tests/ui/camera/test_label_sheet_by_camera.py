"""The sandbox's printed label sheet, read back through the camera's decoder.

The sheet is written as `concierge-app sandbox labels` writes it, rendered
by pdftoppm at a camera's resolution of a page, and every code on the page
goes through the same `decode_image` the camera view uses. Each label's QR
code must give its signed label and its Code 128 the bare token, and both
must be the one code the camera feeds the desk: the keyboard-wedge path of
the same two texts is checked in `tests/ui/test_labels_on_sandbox.py`.
"""

from __future__ import annotations

from pathlib import Path

from concierge_app.domain import token as token_scheme
from concierge_app.domain.payload import TokenScan, parse_scan
from concierge_app.ui.camera.debounce import scan_key
from concierge_app.ui.camera.decoding import decode_image
from concierge_app.ui.printing.label_sheet import (
    PER_PAGE,
    SheetLabel,
    write_label_sheet,
)
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.printing.pdftools import needs_poppler, render_page


@needs_poppler
def test_every_code_of_a_printed_page_reads_as_its_package(
    qapp, sandbox_admin: SandboxAdmin, tmp_path: Path
) -> None:
    listing = sandbox_admin.http.get("/_sandbox/labels").json()
    page = [SheetLabel.from_listing(p) for p in listing if p["scenario"]][:PER_PAGE]
    sheet = tmp_path / "labels.pdf"
    write_label_sheet(page, sheet, heading="camera test")

    image = render_page(sheet, tmp_path / "page", dpi=200)
    texts = set(decode_image(image))

    for label in page:
        assert label.payload in texts, label.order_id
        assert label.token in texts, label.order_id
        signed = parse_scan(label.payload)
        assert isinstance(signed, TokenScan)
        assert signed.label is not None
        assert token_scheme.normalise(signed.token) == label.token
        assert scan_key(label.payload) == scan_key(label.token)
    assert len(texts) == 2 * len(page)
