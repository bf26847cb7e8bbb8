"""Opening a store: the workstation id, the folder, and plain-words errors."""

from __future__ import annotations

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
