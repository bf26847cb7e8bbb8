"""The camera window, driven through its video sink as a camera would drive it.

No camera is needed: frames made from label pictures are set on the view's
own QVideoSink, the object the capture session feeds, and must come out as
codes read, each once.
"""

from __future__ import annotations

import pytest
from PySide6.QtMultimedia import QVideoFrame

from concierge_app.domain import token as token_scheme
from concierge_app.ui.camera.view import CameraView
from tests.ui.camera.labels import code128_image, on_desk, qr_image

TOKEN = token_scheme.from_payload("7K3MQ2XD9TPAW4HN")


@pytest.fixture
def view(qtbot, qapp):
    made = CameraView()
    qtbot.addWidget(made)
    yield made
    made.shut()


def test_frames_on_the_video_sink_are_read_once_per_code(qtbot, view) -> None:
    codes: list[str] = []
    view.code_read.connect(codes.append)
    label = on_desk(code128_image(TOKEN, module=3))
    other = f"1-2603-1-000002/{token_scheme.format_groups(token_scheme.generate())}"

    # A new frame each time, as from a camera (the sink ignores a repeat).
    for picture in (label, label, on_desk(qr_image(other))):
        with qtbot.waitSignal(view.reader.frame_decoded, timeout=10000):
            view.video_sink.setVideoFrame(QVideoFrame(picture))

    assert codes == [TOKEN, other]
    assert view.codes_read == 2


def test_without_a_camera_the_view_opens_and_closes_quietly(qtbot, view) -> None:
    view.start()
    qtbot.waitExposed(view)

    assert "Hold one package label" in view.hint

    view.shut()
    assert not view.isVisible()
