"""Feeding frames to the decoder: one at a time, off the UI thread, each code once.

The frames are QVideoFrames made from label pictures, as the camera's video
sink hands them over; no camera is needed.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame

from concierge_app.domain import token as token_scheme
from concierge_app.ui.camera.decoding import decode_image
from concierge_app.ui.camera.frames import FrameReader
from tests.ui.camera.labels import code128_image, on_desk, qr_image

A = token_scheme.from_payload("7K3MQ2XD9TPAW4HN")
B = token_scheme.from_payload("0000111122223333")
QR_A = f"1-2603-1-000001/{token_scheme.format_groups(A)}"


def frame(*codes: QImage) -> QVideoFrame:
    return QVideoFrame(on_desk(*codes))


@pytest.fixture
def reader(qapp):
    made = FrameReader()
    yield made
    made.close()


def offer_and_wait(qtbot, reader: FrameReader, video_frame: QVideoFrame) -> tuple:
    with qtbot.waitSignal(reader.frame_decoded, timeout=10000) as decoded:
        assert reader.offer_frame(video_frame)
    return decoded.args[0]


def test_frames_that_arrive_while_one_is_decoded_are_dropped(qtbot, reader) -> None:
    label = frame(qr_image(QR_A))

    with qtbot.waitSignal(reader.code_read, timeout=10000) as read:
        taken = [reader.offer_frame(label) for _ in range(5)]

    assert taken == [True, False, False, False, False]
    assert read.args == [QR_A]
    assert (reader.offered, reader.dropped) == (5, 4)
    assert not reader.busy


def test_a_label_held_in_view_is_read_once(qtbot, reader) -> None:
    codes: list[str] = []
    reader.code_read.connect(codes.append)
    label = frame(code128_image(A, module=3))

    seen = [offer_and_wait(qtbot, reader, label) for _ in range(4)]

    assert seen == [(A,)] * 4
    assert codes == [A]


def test_the_same_code_is_never_fed_twice_in_a_row(qtbot, reader) -> None:
    codes: list[str] = []
    reader.code_read.connect(codes.append)
    frames = [
        frame(qr_image(QR_A), code128_image(A, module=3)),
        frame(code128_image(A, module=3)),
        frame(),
        frame(code128_image(B, module=3)),
        frame(code128_image(B, module=3)),
        frame(qr_image(QR_A)),
    ]

    for video_frame in frames:
        offer_and_wait(qtbot, reader, video_frame)

    assert codes == [QR_A, B, QR_A]


def test_frames_are_decoded_off_the_ui_thread(qtbot, qapp) -> None:
    threads: list[str] = []

    def decode(image: QImage) -> tuple[str, ...]:
        threads.append(threading.current_thread().name)
        return decode_image(image)

    reader = FrameReader(decode)
    try:
        with qtbot.waitSignal(reader.code_read, timeout=10000) as read:
            reader.offer_frame(frame(qr_image(QR_A)))
    finally:
        reader.close()

    assert read.args == [QR_A]
    assert len(threads) == 1
    assert threads[0].startswith("camera-decode")
    assert threads[0] != threading.main_thread().name


def test_an_invalid_frame_or_a_closed_reader_decodes_nothing(qtbot, reader) -> None:
    assert not reader.offer_frame(QVideoFrame())
    assert not reader.offer_image(QImage())

    reader.close()

    assert not reader.offer_frame(frame(qr_image(QR_A)))
    assert reader.dropped == 3
