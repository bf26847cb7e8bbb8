"""`concierge-app diagnostics`: the support bundle, and never a secret in it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from concierge_app.sandbox.server import SandboxServer
from tests.cli.conftest import Cli, login_args
from tests.sandbox_fixtures import SandboxAdmin

PASSWORD = "Hunter2-Desk-Secret"
BEARER = "eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbi1zZWNyZXQ.c2lnbmF0dXJl"


def unzip(path: Path) -> dict[str, str]:
    """Every member of the bundle as text."""
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name).decode() for name in bundle.namelist()}


def test_the_bundle_holds_logs_versions_settings_and_queue_and_no_secret(
    cli: Cli,
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
    log_dir: Path,
    tmp_path: Path,
) -> None:
    token = sandbox_admin.token("accepted")
    user_settings = tmp_path / "user.toml"
    env = {
        "CONCIERGE_APP_PASSWORD": PASSWORD,
        "CONCIERGE_APP_USER_SETTINGS": str(user_settings),
        "CONCIERGE_APP_MACHINE_SETTINGS": str(tmp_path / "machine.toml"),
    }
    received = cli("receive", "--no-sync", *login_args(sandbox.url, data_dir), token)
    assert received.returncode == 0, received.stderr
    # What a careless line or a hand-edited file could hold, planted past the
    # log's own filter: the bundle must mask them all the same.
    with (log_dir / "concierge-app.log").open("a", encoding="utf-8") as log:
        log.write(f"2026-12-03 10:00:00,000 INFO x: form password={PASSWORD}\n")
        log.write(f'2026-12-03 10:00:01,000 INFO x: {{"password": "{PASSWORD}"}}\n')
        log.write(f"2026-12-03 10:00:02,000 INFO x: Authorization: Bearer {BEARER}\n")
        log.write(f"2026-12-03 10:00:03,000 INFO x: scanned {token}\n")
    (log_dir / "concierge-app.log.1").write_text(
        f"2026-12-02 09:00:00,000 INFO x: refresh_token={BEARER} token {token}\n",
        encoding="utf-8",
    )
    user_settings.write_text(
        f'api_url = "https://desk:{PASSWORD}@partner.example/api"\n'
        f'scanner_prefix = "{token}"\n',
        encoding="utf-8",
    )

    out = tmp_path / "ticket.zip"
    result = cli("diagnostics", "--out", out, "--data-dir", data_dir, env=env)

    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    members = unzip(out)
    assert set(members) == {
        "README.txt",
        "versions.json",
        "settings.json",
        "queue.json",
        "logs/concierge-app.log",
        "logs/concierge-app.log.1",
    }
    whole = "\n".join(members.values()) + out.read_bytes().decode("latin-1")
    for secret in (PASSWORD, BEARER, token):
        assert secret not in whole
    assert "password=<masked>" in members["logs/concierge-app.log"]
    assert "Bearer <masked>" in members["logs/concierge-app.log"]

    settings = json.loads(members["settings.json"])
    assert settings["settings"]["api_url"] == {
        "value": "https://<masked>@partner.example/api",
        "source": "user settings",
    }
    assert settings["settings"]["scanner_prefix"]["value"] == "<token>"
    assert "api_url" in settings["locked"]
    versions = json.loads(members["versions.json"])
    assert {"app", "python", "qt", "os"} <= set(versions)
    queue = json.loads(members["queue.json"])
    assert sum(queue["by_state"].values()) == 1


def test_a_missing_store_and_a_missing_folder_are_clear(
    cli: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "ticket.zip"

    made = cli("diagnostics", "--out", out, "--data-dir", tmp_path / "none")
    refused = cli("diagnostics", "--out", tmp_path / "no/such/folder.zip")

    assert made.returncode == 0, made.stderr
    assert "no local store" in json.loads(unzip(out)["queue.json"])["error"]
    assert refused.returncode == 2
    assert refused.stderr.startswith("concierge-app: the folder of --out")
    assert "Traceback" not in refused.stderr
