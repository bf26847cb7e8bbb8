"""Regenerate the desk's Qt Linguist translations, or check they are complete.

Sources: every `.py` under `concierge_app/ui/` (lupdate reads `self.tr(...)`
and `QCoreApplication.translate("Context", ...)` calls with literal text).
Outputs, in `concierge_app/resources/translations/`:

- `concierge_app_it.ts`, the Italian source a translator edits (in Qt
  Linguist, `pyside6-linguist`, or any text editor), and its compiled
  `concierge_app_it.qm`;
- `concierge_app_en.ts` and `.qm`, English plural forms only: the source
  texts are English already, but `%n receipt(s)` needs its two forms.

Usage:
    python tools/translations.py          # update both .ts, compile both .qm
    python tools/translations.py --check  # exit 1 if a visible string has no
                                          # Italian translation, or a .qm is
                                          # not compiled from its .ts

lupdate's Python reader silently skips some calls: one inside an f-string,
or one whose count is an expression such as `len(lines)`; and it takes a
count for a plural only in a QObject's own `self.tr(text, "", n)`. `--check`
therefore also reads the sources itself (`missed`): every literal text of a
`tr` or `translate` call must be in the catalogue, and one with `%n` must
be there with its plural forms.

The tools are the lupdate and lrelease binaries inside the PySide6 wheel
(the same ones `pyside6-lupdate` and `pyside6-lrelease` run).
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "concierge_app/ui"
FOLDER = ROOT / "concierge_app/resources/translations"
CATALOGUE = "concierge_app"
LANGUAGES = {"it": False, "en": True}
"""Each language, and whether its file holds plural forms only."""


def _tool(name: str) -> str:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    binary = folder / (name + (".exe" if sys.platform == "win32" else ""))
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: install PySide6 with its tools")
    return str(binary)


def sources() -> list[str]:
    """The files lupdate reads, relative to the repository, sorted."""
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def update(
    ts_file: Path, language: str, plural_only: bool, files: list[str] | None = None
) -> None:
    """Merge the strings of `files` (the sources) into `ts_file`, keeping its words."""
    command = [_tool("lupdate"), *(files or sources()), "-ts", str(ts_file)]
    command += ["-target-language", language, "-no-obsolete", "-silent"]
    command += ["-locations", "none"]
    if plural_only:
        command.append("-pluralonly")
    subprocess.run(command, cwd=ROOT, check=True)


def compile_qm(ts_file: Path, qm_file: Path) -> None:
    """Compile one .ts into its .qm."""
    command = [_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def unfinished(ts_file: Path) -> list[str]:
    """Source texts of `ts_file` with no finished translation."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") is not None:
                # unfinished, vanished or obsolete
                missing.append(f"{name}: {message.findtext('source', '')!r}")
                continue
            forms = list(translation.iter("numerusform")) or [translation]
            if not all(form.text for form in forms):
                missing.append(f"{name}: {message.findtext('source', '')!r}")
    return missing


def missed(ts_file: Path, files: list[str] | None = None) -> list[str]:
    """Literal texts of `tr`/`translate` calls in the sources that `ts_file` lacks."""
    messages = ET.parse(ts_file).getroot().iter("message")
    plural = {m.findtext("source"): m.get("numerus") == "yes" for m in messages}
    lacking = []
    for name in files or sources():
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"), name)
        for node in ast.walk(tree):
            text = _translated_literal(node)
            if text is None:
                continue
            where = f"{name}:{getattr(node, 'lineno', 0)}: {text!r}"
            if text not in plural:
                lacking.append(where)
            elif "%n" in text and not plural[text]:
                lacking.append(where + " (without its plural forms)")
    return lacking


def _translated_literal(node: ast.AST) -> str | None:
    # self.tr("text", ...) and translate("Context", "text", ...), by name.
    if not isinstance(node, ast.Call):
        return None
    called = node.func
    name = called.attr if isinstance(called, ast.Attribute) else None
    name = name or (called.id if isinstance(called, ast.Name) else None)
    position = {"tr": 0, "translate": 1}.get(name or "")
    if position is None or len(node.args) <= position:
        return None
    text = node.args[position]
    if isinstance(text, ast.Constant) and isinstance(text.value, str):
        return text.value
    return None


def path(language: str, suffix: str) -> Path:
    """The .ts or .qm file of one language."""
    return FOLDER / f"{CATALOGUE}_{language}.{suffix}"


def regenerate() -> int:
    """Update every .ts from the sources and compile every .qm."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language, plural_only in LANGUAGES.items():
        update(path(language, "ts"), language, plural_only)
        compile_qm(path(language, "ts"), path(language, "qm"))
        for line in unfinished(path(language, "ts")):
            sys.stdout.write(f"{language}: not translated yet: {line}\n")
    return 0


def check() -> int:
    """1 when a string lacks a translation or a .qm is stale, else 0."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for language, plural_only in LANGUAGES.items():
            ts_copy = Path(scratch) / path(language, "ts").name
            qm_copy = Path(scratch) / path(language, "qm").name
            shutil.copyfile(path(language, "ts"), ts_copy)
            update(ts_copy, language, plural_only)
            problems += [
                f"{language}: not translated: {m}" for m in unfinished(ts_copy)
            ]
            if not plural_only:
                skipped = missed(ts_copy)
                problems += [f"{language}: lupdate skipped {m}" for m in skipped]
            compile_qm(path(language, "ts"), qm_copy)
            if not filecmp.cmp(qm_copy, path(language, "qm"), shallow=False):
                problems.append(
                    f"{path(language, 'qm').name} is not compiled from its .ts"
                )
            if ts_copy.read_bytes() != path(language, "ts").read_bytes():
                problems.append(f"{path(language, 'ts').name} is not up to date")
    for problem in problems:
        sys.stdout.write(problem + "\n")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Regenerate, or with --check only report."""
    parser = argparse.ArgumentParser(prog="python tools/translations.py")
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    return check() if args.check else regenerate()


if __name__ == "__main__":
    raise SystemExit(main())
