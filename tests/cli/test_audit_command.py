"""`concierge-app audit verify` finds an edited audit entry by its sequence."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from concierge_app.domain.model import Facility
from concierge_app.store import Store
from concierge_app.store.paths import store_file


def verify(data_dir: Path) -> tuple[int, dict[str, object]]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "concierge_app",
            "audit",
            "verify",
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_a_sound_chain_passes_and_an_edited_entry_is_named(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for n in range(3):
            store.audit("anna", "login", f"anna-{n}", {"mode": "online"})
        store.save_verifier(
            "anna",
            "pw",
            display_name="Anna",
            role="concierge",
            facility=Facility(1, 1),
            ttl=timedelta(days=1),
        )

    status, report = verify(tmp_path)
    assert status == 0
    assert report["ok"] is True
    assert report["entries"] == 4

    # Someone with the file edits an entry, bypassing the store's triggers.
    connection = sqlite3.connect(store_file(tmp_path))
    triggers = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master"
            " WHERE type = 'trigger' AND tbl_name = 'audit'"
        )
    ]
    for name in triggers:
        connection.execute(f'DROP TRIGGER "{name}"')
    connection.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2")
    connection.commit()
    connection.close()

    status, report = verify(tmp_path)
    assert status == 1
    assert report["ok"] is False
    assert report["first_bad_seq"] == 2


def test_a_folder_without_a_store_is_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "concierge_app",
            "audit",
            "verify",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "no local store" in result.stderr
