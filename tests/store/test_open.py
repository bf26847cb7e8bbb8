"""Opening a store: the workstation id, the folder, and plain-words errors."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from concierge_app.store import Store, StoreError, UnknownReceipt


def test_the_workstation_id_is_made_once_and_kept(data_dir: Path) -> None:
    with Store.open(data_dir) as first:
        made = first.workstation_id

    with Store.open(data_dir) as again:
        assert again.workstation_id == made
    assert uuid.UUID(made).version == 4


def test_two_folders_are_two_workstations(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a") as one, Store.open(tmp_path / "b") as two:
        assert one.workstation_id != two.workstation_id


def test_the_folder_is_made_when_missing(tmp_path: Path) -> None:
    data_dir = tmp_path / "deep" / "er"

    with Store.open(data_dir) as store:
        assert store.path == data_dir / "store.sqlite3"
        assert store.path.exists()


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    with pytest.raises(StoreError, match="cannot be created") as raised:
        Store.open(blocker / "data")

    assert str(blocker / "data") in str(raised.value)


def test_the_repr_names_the_file_and_workstation(store: Store) -> None:
    assert str(store.path) in repr(store)
    assert store.workstation_id in repr(store)


def test_an_unknown_receipt_reads_as_a_sentence() -> None:
    error = UnknownReceipt("r-1")

    assert str(error) == "There is no local receipt r-1."
    assert isinstance(error, KeyError)


def test_a_store_whose_making_was_killed_is_not_there_and_is_made_again(
    data_dir: Path,
) -> None:
    # What a process killed while making its store leaves: the file beside
    # the store's place, begun but never moved there.
    data_dir.mkdir(parents=True)
    left = data_dir / "store.sqlite3.new"
    with sqlite3.connect(left) as half_made:
        half_made.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    half_made.close()
    (data_dir / "store.sqlite3.new-wal").write_bytes(b"\0" * 64)

    with pytest.raises(StoreError, match="no local store"):
        Store.open_readonly(data_dir)

    with Store.open(data_dir) as store:
        assert store.verify_audit().ok
        made = store.workstation_id
    with Store.open_readonly(data_dir) as reader:
        assert reader.workstation_id == made
    assert not list(data_dir.glob("store.sqlite3.new*"))
