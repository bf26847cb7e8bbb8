"""One process per data folder: a second instance is refused, by name."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from concierge_app.store import Store, StoreLocked

HOLD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from concierge_app.store import Store

    with Store.open(Path(sys.argv[1])):
        print("holding", flush=True)
        sys.stdin.readline()
    """
)
TRY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from concierge_app.store import Store, StoreLocked

    try:
        Store.open(Path(sys.argv[1])).close()
    except StoreLocked as error:
        print(error)
        sys.exit(3)
    """
)


def _python(script: str, data_dir: Path) -> list[str]:
    return [sys.executable, "-c", script, str(data_dir)]


def test_a_second_process_is_refused_while_the_first_holds_the_folder(
    data_dir: Path,
) -> None:
    holder = subprocess.Popen(
        _python(HOLD, data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"

        with pytest.raises(StoreLocked) as raised:
            Store.open(data_dir)

        assert raised.value.data_dir == data_dir
        assert str(data_dir) in str(raised.value)
        assert raised.value.holder_pid == holder.pid
        assert f"process {holder.pid}" in str(raised.value)
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0

    # The folder is free again once the holder is gone.
    Store.open(data_dir).close()


def test_a_second_process_cannot_open_a_folder_this_one_holds(
    data_dir: Path, store: Store
) -> None:
    second = subprocess.run(
        _python(TRY, data_dir), capture_output=True, text=True, timeout=60, check=False
    )

    assert second.returncode == 3, second.stderr
    assert str(data_dir) in second.stdout
    assert "already in use" in second.stdout


def test_a_crashed_holder_leaves_no_lock_behind(data_dir: Path) -> None:
    holder = subprocess.Popen(
        _python(HOLD, data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    holder.kill()
    holder.wait(timeout=60)
    holder.stdout.close()
    assert holder.stdin is not None
    holder.stdin.close()

    Store.open(data_dir).close()


def test_the_same_process_cannot_open_a_folder_twice(store: Store) -> None:
    with pytest.raises(StoreLocked):
        Store.open(store.path.parent)


def test_closing_releases_the_folder(data_dir: Path) -> None:
    first = Store.open(data_dir)
    first.close()
    first.close()

    Store.open(data_dir).close()
