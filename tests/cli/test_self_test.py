"""`concierge-app --self-test`: one line and 0 when it works, else names what fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from concierge_app import __version__
from concierge_app.cli import self_test
from concierge_app.ui.resources import resource
from tests.cli.conftest import Cli


def test_the_self_test_of_the_source_install_passes_in_one_line(cli: Cli) -> None:
    result = cli("--self-test")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"concierge-app {__version__} self-test passed in ")
    parts = ("offscreen", "11 resources", "2 translations", "store ok", "sandbox ok")
    for part in parts:
        assert part in lines[0]
    assert result.stderr == ""


def test_broken_and_missing_resources_are_each_named(
    qapp: object, tmp_path: Path
) -> None:
    # A resources folder the way a bad build could leave it: a sound cut
    # to nothing, a damaged icon, a contract that is not YAML, one icon gone.
    (tmp_path / "sounds").mkdir()
    (tmp_path / "icons").mkdir()
    (tmp_path / "sounds/accepted.wav").write_bytes(b"")
    (tmp_path / "sounds/notice.wav").write_bytes(b"RIFF....WAVEfmt ")
    (tmp_path / "sounds/refused.wav").write_bytes(
        resource("sounds/refused.wav").read_bytes()
    )
    (tmp_path / "icons/concierge-app.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "openapi.yaml").write_text("paths: [unclosed", encoding="utf-8")

    passed, failed, _ = self_test.run_checks(resource_root=tmp_path)

    assert len(failed) == 1, failed
    problem = failed[0]
    assert problem.startswith("resources (")
    for named in (
        "icons/concierge-app.svg is missing",
        "sounds/accepted.wav: empty",
        "sounds/notice.wav: not a WAV file",
        "icons/concierge-app.png: Qt cannot read this image",
        "openapi.yaml: not YAML",
    ):
        assert named in problem
    assert "refused.wav" not in problem
    assert "store ok" in passed
    assert "sandbox ok" in passed


@pytest.mark.parametrize("name", self_test.REQUIRED_RESOURCES)
def test_every_required_resource_is_packaged(name: str) -> None:
    assert resource(name).is_file()
