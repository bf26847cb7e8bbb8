"""The installers: quick checks of every input, and the full builds on request.

The quick tests (every run) check the spec, the .desktop entry and the
control file, and build a .deb with `dpkg-deb` from a tiny stand-in for the
frozen folder. The full tests freeze the app with PyInstaller, run the
frozen `--self-test`, then build the real .deb, install it with apt, run
the installed `--self-test` and remove it; they take about two minutes
and need root, so they run only with

    CONCIERGE_APP_PACKAGING_FULL=1 .venv/bin/python -m pytest tests/packaging
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
FULL = os.environ.get("CONCIERGE_APP_PACKAGING_FULL") == "1"
full_only = pytest.mark.skipif(
    not FULL, reason="the full build runs with CONCIERGE_APP_PACKAGING_FULL=1"
)


def load_build() -> ModuleType:
    """packaging/build.py as a module (packaging/ is a folder of scripts)."""
    spec = importlib.util.spec_from_file_location(
        "concierge_packaging_build", PACKAGING / "build.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = load_build()


def test_packaging_is_a_folder_of_scripts_not_a_package() -> None:
    # A package named `packaging` would shadow the library pip and setuptools use.
    assert not (PACKAGING / "__init__.py").exists()
    import packaging.version

    assert "site-packages" in str(packaging.version.__file__)


def test_the_spec_is_python_and_builds_one_windowed_folder() -> None:
    text = (PACKAGING / "concierge-app.spec").read_text(encoding="utf-8")

    compile(text, "concierge-app.spec", "exec")
    assert "console=False" in text
    assert "COLLECT(" in text
    assert 'collect_submodules("concierge_app")' in text
    assert "resources/**/*" in text
    assert (PACKAGING / "launcher.py").is_file()
    assert (PACKAGING / "windows/concierge-app.ico").is_file()


def test_the_desktop_entry_runs_the_launcher_with_the_themed_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux/concierge-app.desktop", encoding="utf-8")

    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "concierge-app"
    assert desktop["Icon"] == "concierge-app"
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", str(PACKAGING / "linux/concierge-app.desktop")],
            check=True,
        )


def test_the_control_file_names_the_package_and_its_system_libraries() -> None:
    text = build.control_text("1.2.3", "amd64", 4096)

    fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    assert fields["Package"] == "concierge-app"
    assert fields["Version"] == "1.2.3"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "4096"
    assert "libxcb-cursor0" in fields["Depends"]
    assert text.endswith("\n")
    assert all(
        line.startswith(" ")
        for line in text.split("Description: ")[1][:-1].splitlines()[1:]
    )


def test_the_inno_setup_script_installs_the_frozen_folder() -> None:
    text = (PACKAGING / "windows/concierge-app.iss").read_text(encoding="utf-8")

    assert '#define FrozenDir "..\\dist\\concierge-app"' in text
    assert "concierge-app.exe" in text
    assert "concierge-app-console.exe" in text
    assert "settings.example.toml" in text


def test_a_deb_of_a_small_stand_in_has_every_file_in_its_place(
    tmp_path: Path,
) -> None:
    frozen = tmp_path / "frozen"
    (frozen / "_internal").mkdir(parents=True)
    app = frozen / "concierge-app"
    app.write_text("#!/bin/sh\necho stand-in\n", encoding="utf-8")
    app.chmod(0o755)
    (frozen / "_internal/base_library.zip").write_bytes(b"PK")

    stage = build.stage_deb(frozen, tmp_path / "stage", "0.0.1", "amd64")
    deb = build.build_deb(stage, tmp_path / "dist")

    assert deb.name == "concierge-app_0.0.1_amd64.deb"
    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert info.split() == ["Package:", "concierge-app", "Version:", "0.0.1"]
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for line in (
        "./opt/concierge-app/concierge-app",
        "./opt/concierge-app/_internal/base_library.zip",
        "./usr/bin/concierge-app -> /opt/concierge-app/concierge-app",
        "./usr/share/applications/concierge-app.desktop",
        "./usr/share/icons/hicolor/256x256/apps/concierge-app.png",
        "./usr/share/icons/hicolor/scalable/apps/concierge-app.svg",
        "./usr/share/doc/concierge-app/settings.example.toml",
        "./usr/share/doc/concierge-app/copyright",
    ):
        assert line in contents
    assert "root/root" in contents
    assert "-rwxr-xr-x root/root" in next(
        row
        for row in contents.splitlines()
        if row.endswith("/concierge-app/concierge-app")
    )


def run_build(*args: str) -> str:
    """`python packaging/build.py ARGS`; its output, or a failure with it."""
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), *args],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@full_only
@pytest.mark.timeout(1500)
def test_the_frozen_build_passes_its_self_test() -> None:
    output = run_build("frozen", "--check")

    assert "--self-test" in output
    assert "self-test passed" in output
    assert "7 resources" in output
    assert "sandbox ok" in output


@full_only
@pytest.mark.timeout(1500)
def test_the_installed_deb_passes_its_self_test() -> None:
    if os.geteuid() != 0:
        pytest.skip("installing the .deb with apt needs root")

    output = run_build("deb", "--reuse-frozen", "--check")

    assert "/usr/bin/concierge-app --self-test" in output
    assert output.count("self-test passed") == 2
    assert not Path("/opt/concierge-app").exists()
