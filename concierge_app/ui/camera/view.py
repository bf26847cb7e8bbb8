"""The camera view: scan package labels with the workstation's camera.

A small window beside the desk shows what the camera sees; every code it
reads is fed to the desk exactly as a scan, and it beeps once for each
new code. Where the workstation has no camera (or Qt no multimedia
module), `camera_available()` is false and the desk shows no camera
option at all.
"""

from __future__ import annotations

import logging
from typing import Any

from concierge_app.ui.qt import (
    QCloseEvent,
    QLabel,
    QObject,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
    load_multimedia,
    load_multimedia_widgets,
)
from concierge_app.ui.resources import resource, resource_path

logger = logging.getLogger(__name__)

BEEP = "sounds/read.wav"


def cameras() -> list[Any]:
    """The workstation's cameras (QCameraDevice), or none without multimedia."""
    multimedia = load_multimedia()
    if multimedia is None or load_multimedia_widgets() is None:
        return []
    return list(multimedia.QMediaDevices.videoInputs())


def camera_available() -> bool:
    """True when there is a camera the desk can scan with."""
    return bool(cameras())


class Beep(QObject):
    """The short sound of a code read, or nothing where there is no audio."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        multimedia = load_multimedia()
        if multimedia is None or not multimedia.QMediaDevices.audioOutputs():
            return
        if not resource(BEEP).is_file():
            logger.warning("The camera's beep %s is missing", BEEP)
            return
        self._effect = multimedia.QSoundEffect(self)
        self._effect.setSource(QUrl.fromLocalFile(str(resource_path(BEEP))))

    def play(self) -> None:
        """Beep once."""
        if self._effect is not None:
            self._effect.stop()
            self._effect.play()


class CameraView(QWidget):
    """A window showing the camera, reading every label held up to it."""

    code_read = Signal(str)
    """A new code: the text to receive, once."""

    def __init__(self, device: Any = None, parent: QWidget | None = None) -> None:
        """A view of `device` (a QCameraDevice; the default camera if None)."""
        super().__init__(parent, Qt.WindowType.Window)
        multimedia = load_multimedia()
        widgets = load_multimedia_widgets()
        if multimedia is None or widgets is None:
            raise RuntimeError("Qt multimedia is not installed")
        self.setWindowTitle(self.tr("Camera scanning"))
        self.setAccessibleName(self.tr("Camera scanning"))
        # The desk keeps the keyboard; this window only shows the camera.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

        # Imported with the first camera view, not with this module: the
        # desk asks `camera_available` at every login, and the decoder
        # (zxing-cpp) is only needed once a camera is opened.
        from concierge_app.ui.camera.frames import FrameReader

        self.reader = FrameReader(parent=self)
        self.reader.code_read.connect(self._on_code_read)
        self._beep = Beep(self)
        self.codes_read = 0
        """How many codes this view has fed to the desk."""

        self._video = widgets.QVideoWidget(self)
        self._hint = QLabel(
            self.tr("Hold one package label up to the camera, code towards it."),
            self,
        )
        self._hint.setWordWrap(True)
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self._video, 1)
        layout.addWidget(self._hint)
        self.resize(480, 420)

        chosen = device or multimedia.QMediaDevices.defaultVideoInput()
        self._camera = multimedia.QCamera(chosen, self)
        self._camera.errorOccurred.connect(self._on_camera_error)
        self._session = multimedia.QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(self._video)
        self._video.videoSink().videoFrameChanged.connect(self.reader.offer_frame)

    @property
    def video_sink(self) -> Any:
        """The QVideoSink the camera's frames arrive on (and are read from)."""
        return self._video.videoSink()

    @property
    def hint(self) -> str:
        """The words under the picture."""
        return self._hint.text()

    def start(self) -> None:
        """Show the view and start the camera; the last code is forgotten."""
        self.reader.reset()
        self.show()
        self._camera.start()
        logger.info("Camera scanning started")

    def _on_code_read(self, text: str) -> None:
        self.codes_read += 1
        self._beep.play()
        self.code_read.emit(text)

    def _on_camera_error(self, _error: Any, description: str) -> None:
        logger.warning("The camera failed: %s", description)
        self._hint.setText(
            self.tr(
                "The camera stopped: {why}. Close this window and try again."
            ).format(why=description)
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._camera.stop()
        logger.info("Camera scanning stopped")
        super().closeEvent(event)

    def shut(self) -> None:
        """Close the view and stop the decoding for good (the desk is closing).

        Closed, not just stopped: a camera window left open would keep the
        application running after the desk window has gone.
        """
        self.close()
        self.reader.close()
