"""Opening the store read-only, beside the desk's writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from concierge_app.domain.model import ReceiptState
from concierge_app.store import Store, StoreError


def test_a_read_only_open_works_while_the_desk_holds_the_store(
    data_dir: Path,
) -> None:
    writer = Store.open(data_dir)
    try:
        with Store.open_readonly(data_dir) as reader:
            assert reader.workstation_id == writer.workstation_id
            assert reader.counts()[ReceiptState.QUEUED] == 0
            assert reader.oldest_queued_at() is None
    finally:
        writer.close()


def test_a_read_only_open_of_a_folder_without_a_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no local store"):
        Store.open_readonly(tmp_path)
