"""Build the installable desk: the frozen folder, the .deb, the Windows setup.

Usage (from the repository root, in a venv with `pip install -e '.[packaging]'`):

    python packaging/build.py frozen [--check]   # packaging/dist/concierge-app/
    python packaging/build.py deb [--check]      # packaging/dist/*.deb
    python packaging/build.py windows [--check]  # packaging/dist/*-setup.exe

`frozen` runs PyInstaller on `concierge-app.spec` (one folder, windowed).
`deb` freezes, stages the Debian tree (the frozen folder in
/opt/concierge-app, a launcher /usr/bin/concierge-app, the .desktop entry,
the icon in the hicolor theme, the example machine settings in
/usr/share/doc/concierge-app) and builds it with `dpkg-deb`. `windows`
freezes, then runs Inno Setup's `ISCC` on `windows/concierge-app.iss`.
`--reuse-frozen` skips PyInstaller when the frozen folder is already there.

`--check` proves the result: the frozen app's `--self-test`; for `deb`, the
package installed with `apt-get install ./FILE.deb` (root), the installed
`concierge-app --self-test`, then `apt-get remove`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = HERE / "dist"
WORK = HERE / "build"
SPEC = HERE / "concierge-app.spec"
FROZEN = DIST / "concierge-app"
PACKAGE = "concierge-app"
INSTALL_DIR = Path("/opt/concierge-app")

DEB_DEPENDS = (
    # What the bundled Qt loads from the system, for the xcb and Wayland
    # platforms, fonts, sound; the same list .ci/run installs for the tests.
    "libc6 (>= 2.36)",
    "libegl1",
    "libgl1",
    "libopengl0",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
)
DEB_RECOMMENDS = ("fonts-dejavu-core", "libpulse0")


def version() -> str:
    """The app's version, from pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def freeze() -> Path:
    """Run PyInstaller on the spec; returns the frozen folder."""
    _run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK / "pyinstaller"),
            str(SPEC),
        ]
    )
    return FROZEN


def executable(frozen: Path) -> Path:
    """The frozen app's executable (on Windows, its console twin)."""
    if sys.platform == "win32":
        return frozen / "concierge-app-console.exe"
    return frozen / "concierge-app"


def control_text(version: str, architecture: str, installed_kib: int) -> str:
    """The Debian control file of the package."""
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": architecture,
        "Maintainer": "Concierge desk team <desk@example.invalid>",
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(DEB_DEPENDS),
        "Recommends": ", ".join(DEB_RECOMMENDS),
        "Section": "misc",
        "Priority": "optional",
        "Homepage": "https://example.invalid/concierge-app",
        "Description": "receiving desk for hotel and lounge concierges\n"
        " Scan the security tokens of luxury-goods packages, check them against\n"
        " the order's capture and register the receipt of goods at the facility,\n"
        " online or from a local queue. A frozen build in /opt/concierge-app.",
    }
    return "".join(f"{name}: {value}\n" for name, value in fields.items())


def stage_deb(frozen: Path, stage: Path, version: str, architecture: str) -> Path:
    """Lay out the package's files under `stage`; returns `stage`."""
    if stage.exists():
        shutil.rmtree(stage)
    app_dir = stage / INSTALL_DIR.relative_to("/")
    shutil.copytree(frozen, app_dir, symlinks=True)

    launcher = stage / "usr/bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(INSTALL_DIR / PACKAGE)

    resources = ROOT / "concierge_app/resources/icons"
    share = stage / "usr/share"
    _copy(HERE / "linux/concierge-app.desktop", share / "applications")
    _copy(resources / "concierge-app.png", share / "icons/hicolor/256x256/apps")
    _copy(resources / "concierge-app.svg", share / "icons/hicolor/scalable/apps")
    doc = share / "doc" / PACKAGE
    _copy(HERE / "linux/copyright", doc)
    _copy(ROOT / "docs/settings.example.toml", doc)

    installed = sum(f.lstat().st_size for f in stage.rglob("*") if not f.is_dir())
    control = stage / "DEBIAN/control"
    control.parent.mkdir()
    control.write_text(
        control_text(version, architecture, installed // 1024 + 1), encoding="utf-8"
    )
    for folder in [stage, *(p for p in stage.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)
    return stage


def build_deb(stage: Path, out_dir: Path) -> Path:
    """`dpkg-deb --build` of a staged tree; returns the .deb."""
    control = (stage / "DEBIAN/control").read_text(encoding="utf-8")
    fields = dict(
        line.split(": ", 1) for line in control.splitlines() if ": " in line[:40]
    )
    name = f"{fields['Package']}_{fields['Version']}_{fields['Architecture']}.deb"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / name
    _run(["dpkg-deb", "--root-owner-group", "--build", str(stage), str(target)])
    return target


def deb_architecture() -> str:
    """This machine's Debian architecture (amd64, arm64)."""
    return _output(["dpkg", "--print-architecture"]).strip()


def self_test(command: Path | str) -> str:
    """Run `COMMAND --self-test`; returns its line, raises SystemExit on failure."""
    started = time.monotonic()
    result = subprocess.run(
        [str(command), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(
            f"build: {command} --self-test failed ({result.returncode}): "
            f"{result.stderr.strip() or result.stdout.strip()}"
        )
    line = result.stdout.strip()
    print(f"build: {command} --self-test ({seconds:.1f} s wall): {line}")
    return line


def check_deb(deb: Path) -> None:
    """Install the package with apt, run the installed self-test, remove it."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "install", "-y", "-q", str(deb.resolve())], env=env)
    try:
        self_test(Path("/usr/bin") / PACKAGE)
    finally:
        _run(["apt-get", "remove", "-y", "-q", PACKAGE], env=env)


def main(argv: list[str] | None = None) -> int:
    """Build what the command line asks for; return the exit status."""
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__)
    parser.add_argument("target", choices=("frozen", "deb", "windows"))
    parser.add_argument(
        "--check", action="store_true", help="self-test (and install) the result"
    )
    parser.add_argument(
        "--reuse-frozen",
        action="store_true",
        help="use packaging/dist/concierge-app as it is instead of freezing",
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    reuse = args.reuse_frozen and executable(FROZEN).exists()
    frozen = FROZEN if reuse else freeze()
    print(f"build: frozen app in {frozen} ({time.monotonic() - started:.0f} s)")
    if args.check:
        self_test(executable(frozen))

    if args.target == "deb":
        stage = stage_deb(frozen, WORK / "deb", version(), deb_architecture())
        deb = build_deb(stage, DIST)
        size = deb.stat().st_size / 1e6
        print(f"build: {deb} ({size:.0f} MB, {time.monotonic() - started:.0f} s)")
        if args.check:
            check_deb(deb)
    elif args.target == "windows":
        setup = build_windows_setup()
        print(f"build: {setup} ({time.monotonic() - started:.0f} s)")
    return 0


def build_windows_setup() -> Path:
    """Run Inno Setup's compiler on the script; returns the setup program."""
    compiler = os.environ.get("ISCC") or shutil.which("ISCC") or shutil.which("iscc")
    if not compiler:
        raise SystemExit("build: Inno Setup's ISCC not found (set ISCC=path)")
    _run(
        [
            compiler,
            f"/DAppVersion={version()}",
            f"/DFrozenDir={FROZEN}",
            f"/O{DIST}",
            str(HERE / "windows/concierge-app.iss"),
        ]
    )
    return DIST / f"concierge-app-{version()}-setup.exe"


def _copy(source: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, folder / source.name)


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    print("build: $ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env)


def _output(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"build: {error}") from None
