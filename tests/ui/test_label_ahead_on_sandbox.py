"""A signed label issued ahead of the desk's clock, scanned at the real window.

The desk pulled the sandbox's label keys, the network is gone, and the
scanner types a genuine label issued hours after the desk's clock: the
banner says accepted, provisional, and asks to check the clock.
"""

from __future__ import annotations

from datetime import timedelta

from concierge_app.domain import signed_label
from concierge_app.domain.verdict import Tone
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.test_label_issue_time import label_issued_ahead
from tests.sync.test_signed_labels import fresh_capture
from tests.ui.test_desk_on_sandbox import log_in_online, scan_and_wait


def test_a_label_from_the_future_is_provisional_and_asks_to_check_the_clock(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)
    package = fresh_capture(sandbox_admin)[0]
    ahead = signed_label.encode(label_issued_ahead(package["label"], timedelta(days=2)))

    sandbox_admin.set_faults(reset_rate=1.0)
    scan_and_wait(qtbot, window, ahead, clock)

    assert window.banner.headline() == "Accepted, provisional"
    assert window.banner.tone is Tone.ACCEPTED
    assert "later than this desk's clock" in window.banner.instruction()
    assert "will be verified when the network returns" in window.banner.instruction()
