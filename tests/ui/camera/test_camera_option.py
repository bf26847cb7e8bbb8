"""The camera at the desk: hidden without a camera, and the same path as a scan.

This machine and CI have no camera, so the option must not show (and its
key must do nothing). The codes a camera reads are fed through
`DeskWindow.receive_from_camera`; here a `FrameReader` fed with label
frames stands in for the camera's video sink, against the real sandbox,
and each verdict must be the one the keyboard path gives.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame

from concierge_app.domain import token as token_scheme
from concierge_app.domain.verdict import VerdictKind
from concierge_app.ui.camera.frames import FrameReader
from concierge_app.ui.camera.view import camera_available, cameras
from concierge_app.ui.main_window import DeskWindow
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.camera.labels import code128_image, on_desk, qr_image
from tests.ui.fakes import PASSWORD, FakeCore
from tests.ui.test_desk_on_sandbox import log_in_online, scan_and_wait


def _log_in(qtbot, window: DeskWindow) -> None:
    view = window.login_view
    view.user_field.setText("anna")
    view.password_field.setText(PASSWORD)
    with qtbot.waitSignal(window.logged_in, timeout=5000):
        qtbot.keyClick(view.password_field, Qt.Key.Key_Return)


@pytest.fixture
def fake_window(qtbot, qloop, clock) -> DeskWindow:
    window = DeskWindow(FakeCore(), clock=clock)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_camera_option_shows_only_where_a_camera_exists(qtbot, fake_window) -> None:
    _log_in(qtbot, fake_window)

    action = fake_window.desk_actions.camera
    assert camera_available() == bool(QMediaDevices.videoInputs()) == bool(cameras())
    assert action.isVisible() is camera_available()
    menu = fake_window.menuBar().actions()[0].menu()
    shown = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    assert (action in shown) is camera_available()


@pytest.mark.skipif(camera_available(), reason="this workstation has a camera")
def test_without_a_camera_its_key_opens_nothing(qtbot, fake_window) -> None:
    _log_in(qtbot, fake_window)

    qtbot.keyClick(fake_window.scan_field.editor, Qt.Key.Key_F8)
    fake_window.desk_actions.camera.trigger()

    assert not fake_window.desk_actions.camera.isEnabled()
    assert fake_window.camera_view is None


def test_codes_the_camera_reads_go_to_the_core_like_scans(qtbot, fake_window) -> None:
    core = fake_window._core
    _log_in(qtbot, fake_window)
    token = token_scheme.from_payload("7K3MQ2XD9TPAW4HN")
    reader = FrameReader()
    reader.code_read.connect(fake_window.receive_from_camera)
    frame = QVideoFrame(on_desk(code128_image(token, module=3)))
    try:
        for _ in range(3):
            with qtbot.waitSignal(reader.frame_decoded, timeout=10000):
                reader.offer_frame(frame)
        qtbot.waitUntil(lambda: fake_window.pending_scans == 0, timeout=5000)
    finally:
        reader.close()

    assert core.received == [token]


def _camera_scan(qtbot, window: DeskWindow, reader: FrameReader, frame) -> object:
    with qtbot.waitSignal(window.scan_finished, timeout=10000) as finished:
        reader.offer_frame(frame)
    return finished.args[0].verdict.kind


@pytest.mark.parametrize(
    "verdict", ["not_captured", "released_early", "wrong_facility", "accepted"]
)
def test_a_label_read_by_the_camera_gets_the_keyboards_verdict(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock, verdict
) -> None:
    # A refusal changes nothing, so one package may serve both paths.
    packages = sandbox_admin.tokens(verdict)
    by_keyboard, by_camera = packages[0], packages[-1]
    assert verdict != "accepted" or by_keyboard is not by_camera
    window = open_window()
    log_in_online(qtbot, window, clock)
    reader = FrameReader()
    reader.code_read.connect(window.receive_from_camera)
    qr = f"{by_camera['order_id']}/{token_scheme.format_groups(by_camera['token'])}"

    try:
        scan_and_wait(qtbot, window, by_keyboard["token"], clock)
        keyboard = window.banner.headline(), window.banner.tone
        camera_kind = _camera_scan(
            qtbot, window, reader, QVideoFrame(on_desk(qr_image(qr)))
        )
        camera = window.banner.headline(), window.banner.tone
    finally:
        reader.close()

    assert camera_kind is VerdictKind(verdict)
    assert camera == keyboard
