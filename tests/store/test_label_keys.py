"""The cached label keys: replaced whole by each pull, kept across restarts."""

from __future__ import annotations

from datetime import UTC, datetime

from concierge_app.domain.signed_label import LabelKey
from concierge_app.store import Store

OLD = LabelKey("k1", bytes(32), datetime(2026, 1, 1, tzinfo=UTC), None)
NEW = LabelKey(
    "k2",
    bytes(range(32)),
    datetime(2026, 9, 1, 12, 30, 0, 123456, tzinfo=UTC),
    datetime(2027, 1, 1, tzinfo=UTC),
)


def test_a_new_store_holds_no_label_keys(store: Store) -> None:
    assert store.label_keys() == []


def test_keys_come_back_as_they_were_cached_and_survive_a_restart(
    store: Store,
) -> None:
    store.replace_label_keys([NEW, OLD])
    data_dir = store.path.parent
    store.close()

    with Store.open(data_dir) as again:
        assert again.label_keys() == [OLD, NEW]


def test_each_fetch_replaces_the_whole_set_so_a_withdrawn_key_is_gone(
    store: Store,
) -> None:
    store.replace_label_keys([OLD, NEW])
    store.replace_label_keys([NEW])

    assert store.label_keys() == [NEW]

    store.replace_label_keys([])
    assert store.label_keys() == []
