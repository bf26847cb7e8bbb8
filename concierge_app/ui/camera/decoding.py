"""Reading the codes on a package label from a picture.

The camera path and the tests decode through `decode_image`: zxing-cpp
reads QR codes (the label's payload) and Code 128 (the bare token) from a
grey copy of the picture, in any orientation. Nothing here is tied to a
camera, so a frame, a photo or a rendered label all read the same way.
"""

from __future__ import annotations

import zxingcpp

from concierge_app.ui.qt import QImage

FORMATS = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128)
"""The symbologies a package label carries; others are never looked for."""


def decode_image(image: QImage) -> tuple[str, ...]:
    """The texts of every QR code and Code 128 in `image`, QR codes first.

    A text found twice (the same code seen by two passes) is given once; a
    picture with no readable code gives an empty tuple. Safe to call from
    a worker thread: QImage is reentrant and this touches no widget.
    """
    if image.isNull():
        return ()

    grey = image
    if image.format() != QImage.Format.Format_Grayscale8:
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = grey.bytesPerLine()
    # An explicit view, rows padded to 32 bits as QImage keeps them, rather
    # than zxing-cpp's own QImage guess, which depends on the Qt binding.
    pixels = memoryview(grey.constBits()).cast("B", (grey.height(), stride))
    view = zxingcpp.ImageView(
        pixels, grey.width(), grey.height(), zxingcpp.ImageFormat.Lum, stride, 1
    )
    # Made per call: a BarcodeFormats kept in a module global outlives the
    # binding at exit, and nanobind then reports it as a leak.
    found = zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormats(FORMATS))

    found.sort(key=lambda code: code.format != zxingcpp.BarcodeFormat.QRCode)
    texts: list[str] = []
    for code in found:
        if code.valid and code.text and code.text not in texts:
            texts.append(code.text)
    return tuple(texts)
