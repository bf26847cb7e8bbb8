"""Feeding camera frames to the decoder without holding up the desk.

The video sink hands over a frame some thirty times a second, on the UI
thread. `FrameReader` decodes one frame at a time in its own worker thread
and drops every frame that arrives meanwhile: a label stays in view for
many frames, so a dropped frame loses nothing, while a queue of frames would
only lag behind the camera. Each decoded frame goes through the `Debouncer`
back on the UI thread, and a new code is announced once by `code_read`.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any

from concierge_app.ui.camera.debounce import Debouncer
from concierge_app.ui.camera.decoding import decode_image
from concierge_app.ui.qt import QImage, QObject, Signal

logger = logging.getLogger(__name__)

Decoder = Callable[[QImage], tuple[str, ...]]


class FrameReader(QObject):
    """Decodes offered frames one at a time, off the UI thread, dropping the rest."""

    code_read = Signal(str)
    """A code not read just before: feed it to the desk, beep once."""

    frame_decoded = Signal(object)
    """Every decoded frame's texts (a tuple), for the view and the tests."""

    _decoded = Signal(object)

    def __init__(
        self, decode: Decoder = decode_image, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._decode = decode
        self._debouncer = Debouncer()
        self._busy = False
        self._closed = False
        self.offered = 0
        """Frames offered so far."""
        self.dropped = 0
        """Frames dropped because one was being decoded (or none could be read)."""
        # Its own thread, not the loop's executor: under qasync that is a
        # pool of QThreads, and decoding must never wait behind the network.
        self._worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="camera-decode"
        )
        self._decoded.connect(self._on_decoded)

    @property
    def busy(self) -> bool:
        """True while a frame is being decoded."""
        return self._busy

    def offer_frame(self, frame: Any) -> bool:
        """Decode this QVideoFrame unless one is in hand; True when taken."""
        return self._offer(bool(frame.isValid()), lambda: frame.toImage())

    def offer_image(self, image: QImage) -> bool:
        """Decode this picture unless one is in hand; True when taken."""
        return self._offer(not image.isNull(), lambda: image)

    def _offer(self, valid: bool, to_image: Callable[[], QImage]) -> bool:
        self.offered += 1
        if self._busy or self._closed or not valid:
            self.dropped += 1
            return False

        self._busy = True
        # The frame is converted in the worker too: turning a camera's YUV
        # picture into an image costs as much as a decode on a small CPU.
        self._worker.submit(self._work, to_image)
        return True

    def _work(self, to_image: Callable[[], QImage]) -> None:
        try:
            texts = self._decode(to_image())
        except Exception:
            logger.exception("A camera frame could not be decoded")
            texts = ()
        # Emitted from the worker: Qt queues it to this object's thread.
        self._decoded.emit(texts)

    def _on_decoded(self, texts: tuple[str, ...]) -> None:
        self._busy = False
        if self._closed:
            return
        self.frame_decoded.emit(texts)
        code = self._debouncer.offer(texts)
        if code is not None:
            logger.info("The camera read a code")
            self.code_read.emit(code)

    def reset(self) -> None:
        """Forget the last code, so the label in view is read again."""
        self._debouncer.reset()

    def close(self) -> None:
        """Stop decoding; waits for the frame in hand. Safe to call twice."""
        self._closed = True
        self._worker.shutdown(wait=True, cancel_futures=True)
