"""`sandbox labels` as a real process, and the demo's path end to end.

The sheet is printed from a running sandbox; a desk that pulled the keys
earlier, then lost the network, receives a package captured since, by the
same signed label the sheet carries, as verified; the sync registers it once.
"""

from __future__ import annotations

from pathlib import Path

from concierge_app.domain import token as token_scheme
from concierge_app.sandbox.server import SandboxServer
from tests.cli.conftest import Cli, held_by_server, json_lines, login_args
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.test_label_sheet import pdftotext


def test_the_sheet_holds_one_label_per_scenario_package(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, tmp_path: Path
) -> None:
    out = tmp_path / "labels.pdf"

    result = cli("sandbox", "labels", "--url", sandbox.url, "--out", out)

    assert result.returncode == 0, result.stderr
    listing = sandbox_admin.http.get("/_sandbox/labels").json()
    scenario = [p for p in listing if p["scenario"]]
    assert result.stdout == f"{len(scenario)} labels on 3 pages written to {out}\n"
    text = pdftotext(out)
    for package in scenario:
        assert token_scheme.format_groups(package["token"]) in text
        assert f"Order {package['order_id']}" in text
    assert "demo released early: released early at partner 1" in text
    ordinary = next(p for p in listing if not p["scenario"])
    assert token_scheme.format_groups(ordinary["token"]) not in text


def test_the_sheet_explains_what_it_cannot_do(
    cli: Cli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    gone = cli("sandbox", "labels", "--url", "http://127.0.0.1:9", "--out", out)
    nowhere = tmp_path / "missing" / "x.pdf"
    no_folder = cli("sandbox", "labels", "--url", sandbox.url, "--out", nowhere)
    no_order = cli(
        "sandbox", "labels", "--url", sandbox.url, "--out", out, "--order", "9-9"
    )

    assert gone.returncode == 5
    assert "cannot reach the sandbox" in gone.stderr
    assert no_folder.returncode != 0
    assert "does not exist" in no_folder.stderr
    assert no_order.returncode == 2
    assert "has no order 9-9" in no_order.stderr
    for result in (gone, no_folder, no_order):
        assert "Traceback" not in result.stderr
    assert not out.exists()


def test_sandbox_labels_then_an_offline_desk_accepts_a_never_seen_package(
    cli: Cli,
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    login = login_args(sandbox.url, data_dir)
    # Online with nothing to receive: the cache, the label keys, a verifier.
    assert cli("receive", *login).returncode == 0
    sandbox_admin.http.post("/_sandbox/capture")
    order_id = sandbox_admin.http.post("/_sandbox/capture").json()["order_id"]
    sheet = cli(
        "sandbox",
        "labels",
        *("--order", order_id, "--url", sandbox.url, "--out", tmp_path / "l.pdf"),
    )
    labels = sandbox_admin.http.get("/_sandbox/labels").json()
    package = next(p for p in labels if p["order_id"] == order_id)

    sandbox_admin.set_faults(reset_rate=1.0)
    offline = cli("receive", *login, package["label"])
    sandbox_admin.clear_faults()
    back = cli("sync", "--once", *login)

    assert sheet.returncode == 0, sheet.stderr
    assert " on 1 page written to " in sheet.stdout
    assert token_scheme.format_groups(package["token"]) in pdftotext(tmp_path / "l.pdf")
    assert offline.returncode == 0, offline.stderr
    (line,) = json_lines(offline.stdout)
    assert (line["verdict"], line["verified_by_label"]) == ("accepted", True)
    assert line["order_id"] == order_id
    assert back.returncode == 0, back.stderr
    assert "0 queued, 0 need attention" in back.stderr
    assert held_by_server(sandbox_admin, [line["receipt_id"]]) == [1]
