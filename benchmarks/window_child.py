"""The desk window under measure, in a child process of its own.

`python -m benchmarks.window_child MODE URL DIR COUNT` prints one JSON
object. MODE `scan` times COUNT scans of mixed verdicts from the Enter key
to the banner painted; MODE `burst` types COUNT scans back to back at
scanner speed while a sync runs and compares what the core received with
what was typed. MODE `idle` leaves the logged-in window alone for COUNT
seconds and reports its CPU time and memory. Each first pulls the
sandbox's whole cache into a real store, starts the sync loop, and logs in
through the window's login page.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from benchmarks.window_probe import EnterStamps, PaintProbe, percentile, scan
from concierge_app.api.vault import MemoryVault
from concierge_app.cli import support_log
from concierge_app.domain import token as token_scheme
from concierge_app.domain.payload import Unreadable, parse_scan
from concierge_app.domain.verdict import VerdictKind
from concierge_app.sync import pull as pull_module
from concierge_app.sync.desk import Desk, DeskOptions
from concierge_app.sync.events import SyncStatus
from concierge_app.sync.outcomes import LoginOutcome, ScanOutcome
from concierge_app.sync.shift import ShiftService
from concierge_app.ui.loop import run_app, send_qt_messages_to_log
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.qt import QApplication, QEvent, QKeyEvent, Qt
from concierge_app.ui.sounds import SoundPlayer

USER = "concierge"
WARM_UP = 10
"""Scans before the measured ones: the first of each kind loads fonts and icons."""

FRAME_TIMEOUT = 5.0


class RecordingCore:
    """The desk, noting every text handed to `receive`, in order."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.received: list[str] = []
        self.spans: list[tuple[float, float]] = []
        """When each `receive` started and returned (perf_counter seconds)."""

    async def login(self, username: str, password: str) -> LoginOutcome:
        return await self.desk.login(username, password)

    async def receive(self, text: str) -> ScanOutcome:
        self.received.append(text)
        started = time.perf_counter()
        try:
            return await self.desk.receive(text)
        finally:
            self.spans.append((started, time.perf_counter()))

    async def sync_now(self) -> SyncStatus:
        return await self.desk.sync_now()

    def subscribe(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        return self.desk.subscribe(listener)

    async def logout(self) -> None:
        await self.desk.logout()

    async def lock(self) -> None:
        await self.desk.lock()

    async def unlock(self, password: str) -> LoginOutcome:
        return await self.desk.unlock(password)

    async def switch_user(self, username: str, password: str) -> LoginOutcome:
        return await self.desk.switch_user(username, password)

    def set_scanner(self, prefix: str, suffix: str) -> None:
        self.desk.set_scanner(prefix, suffix)

    def shift(self) -> ShiftService:
        return self.desk.shift()


async def log_in_through_the_window(window: DeskWindow) -> None:
    """Fill the login page and press Enter, as the concierge does."""
    done: asyncio.Future[object] = asyncio.get_running_loop().create_future()
    window.logged_in.connect(lambda ok: done.done() or done.set_result(ok))
    window.login_view.user_field.setText(USER)
    window.login_view.password_field.setText(USER)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.postEvent(
            window.login_view.password_field,
            QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"),
        )
    await asyncio.wait_for(done, 60)


async def open_desk(url: str, folder: Path) -> tuple[Desk, float, int]:
    """A desk with the sandbox's whole cache pulled: the desk, seconds, packages."""
    desk = Desk.open(folder / "desk", url, vault=MemoryVault(), options=DeskOptions())
    await desk.login(USER, USER)
    started = time.perf_counter()
    result = await pull_module.pull(desk.client, desk.store)
    return desk, time.perf_counter() - started, result.packages


async def sandbox_tokens(url: str) -> dict[str, list[str]]:
    """The sandbox's tokens by the verdict they are due at facility 1."""
    async with httpx.AsyncClient(base_url=url, timeout=300) as admin:
        response = await admin.get("/_sandbox/tokens")
        response.raise_for_status()
    by_verdict: dict[str, list[str]] = {}
    for package in response.json():
        by_verdict.setdefault(package["verdict"], []).append(package["token"])
    return by_verdict


# The kinds a scan-to-verdict run mixes, with their shares.
MIX = {
    "accepted": 0.35,
    "already_received": 0.15,
    "repeat": 0.15,
    "wrong_facility": 0.10,
    "not_captured": 0.10,
    "unreadable": 0.10,
    "unknown_token": 0.05,
}

HEADLINE = {
    "accepted": VerdictKind.ACCEPTED,
    "already_received": VerdictKind.ALREADY_RECEIVED,
    "repeat": VerdictKind.ALREADY_RECEIVED,
    "wrong_facility": VerdictKind.WRONG_FACILITY,
    "not_captured": VerdictKind.NOT_CAPTURED,
    "unreadable": VerdictKind.UNREADABLE,
    "unknown_token": VerdictKind.UNKNOWN_TOKEN,
}


def mixed_scans(
    tokens: dict[str, list[str]], count: int, rng: random.Random
) -> list[tuple[str, str]]:
    """`count` (text, kind) scans; no two in a row share a verdict.

    Two verdicts alike in a row may leave the banner's pixels as they were,
    and a frame that does not change cannot be timed.
    """
    fresh = list(tokens["accepted"])
    rng.shuffle(fresh)
    accepted: list[str] = []
    kinds, weights = list(MIX), list(MIX.values())
    scans: list[tuple[str, str]] = []
    while len(scans) < count:
        kind = rng.choices(kinds, weights)[0]
        previous = scans[-1] if scans else ("", "")
        if scans and HEADLINE[kind] is HEADLINE[previous[1]]:
            continue
        if kind == "accepted":
            text = fresh.pop()
            accepted.append(text)
        elif kind == "repeat":
            if previous[1] != "accepted":
                continue
            text = previous[0]
        elif kind == "already_received":
            earlier = [t for t in accepted[-50:] if t != previous[0]]
            if not earlier:
                continue
            text = rng.choice(earlier)
        elif kind == "unreadable":
            text = rng.choice(["HELLO WORLD", misread(rng.choice(fresh))])
        elif kind == "unknown_token":
            text = token_scheme.format_groups(token_scheme.generate())
        else:
            text = rng.choice(tokens[kind])
        scans.append((text, kind))
    return scans


def misread(token: str) -> str:
    """`token` with its check symbol wrong, as a misread label gives it."""
    for symbol in token_scheme.ALPHABET:
        text = token[:-1] + symbol
        if isinstance(parse_scan(text), Unreadable):
            return text
    raise ValueError("no misreading of this token is unreadable")


def burst_scans(
    tokens: dict[str, list[str]], count: int, rng: random.Random
) -> list[str]:
    """`count` different scans, mostly good tokens, so each one is traceable."""
    fresh = list(tokens["accepted"])
    rng.shuffle(fresh)
    wrong = list(tokens.get("wrong_facility", []))
    scans: list[str] = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.08:
            scans.append(f"HELLO WORLD {number}")
        elif roll < 0.12:
            scans.append(token_scheme.format_groups(token_scheme.generate()))
        elif roll < 0.15 and wrong:
            scans.append(wrong.pop())
        else:
            scans.append(fresh.pop())
    return scans


class FrameWatch:
    """Pairs each scan with the first banner frame painted after its verdict."""

    def __init__(self, window: DeskWindow) -> None:
        self.enters = EnterStamps(window.scan_field.editor)
        self._shown_at: float | None = None
        self._frame: asyncio.Future[float] | None = None
        self.probe = PaintProbe(window.banner, self._on_frame)
        window.scan_finished.connect(self._on_scan_finished)

    def expect(self) -> asyncio.Future[float]:
        """The future end of the frame for the scan about to be typed."""
        self._shown_at = None
        self._frame = asyncio.get_running_loop().create_future()
        return self._frame

    @property
    def shown_at(self) -> float | None:
        """When the scan's outcome was put on the widgets."""
        return self._shown_at

    def _on_scan_finished(self, _outcome: object) -> None:
        self._shown_at = time.perf_counter()

    def _on_frame(self, ended: float) -> None:
        frame, shown = self._frame, self._shown_at
        if frame is None or frame.done() or shown is None:
            return
        if ended >= shown:
            frame.set_result(ended)


async def measure_scans(
    window: DeskWindow,
    core: RecordingCore,
    tokens: dict[str, list[str]],
    count: int,
) -> dict[str, Any]:
    """Time each scan from its Enter key to its verdict's frame."""
    rng = random.Random(8)
    watch = FrameWatch(window)
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    wrong_verdicts: list[str] = []
    parts: list[tuple[float, str, float, float, float, float]] = []
    unmeasured = 0
    for number, (text, kind) in enumerate(mixed_scans(tokens, count + WARM_UP, rng)):
        frame = watch.expect()
        await scan(window.scan_field.editor, text)
        try:
            painted = await asyncio.wait_for(frame, FRAME_TIMEOUT)
        except TimeoutError:
            unmeasured += 1
            continue
        shown = window.banner.verdict
        if shown is None or shown.kind is not HEADLINE[kind]:
            wrong_verdicts.append(f"{kind}: {shown.kind if shown else None}")
        if number >= WARM_UP:
            enter = watch.enters.stamps[-1]
            latency = (painted - enter) * 1000
            latencies.append(latency)
            by_kind.setdefault(kind, []).append(latency)
            began, returned = core.spans[-1]
            shown_at = watch.shown_at or returned
            parts.append(
                (
                    round(latency, 2),
                    kind,
                    round((began - enter) * 1000, 2),
                    round((returned - began) * 1000, 2),
                    round((shown_at - returned) * 1000, 2),
                    round((painted - shown_at) * 1000, 2),
                )
            )
        # A concierge puts a package down and picks up the next one.
        await asyncio.sleep(rng.uniform(0.002, 0.010))
    return {
        "scans": len(latencies),
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies),
        "mean_ms": sum(latencies) / len(latencies),
        "wrong_verdicts": len(wrong_verdicts),
        "wrong_verdict_examples": wrong_verdicts[:5],
        "unmeasured": unmeasured,
        "p50_ms_by_kind": {
            k: round(percentile(v, 0.50), 2) for k, v in sorted(by_kind.items())
        },
        "p99_ms_by_kind": {
            k: round(percentile(v, 0.99), 2) for k, v in sorted(by_kind.items())
        },
        "scans_by_kind": {k: len(v) for k, v in sorted(by_kind.items())},
        # Where the slowest scans spent their time: to the core, in the
        # core, showing the outcome, and waiting for the frame (ms).
        "slowest": [
            dict(
                zip(("ms", "kind", "to_core", "core", "show", "frame"), p, strict=True)
            )
            for p in sorted(parts, reverse=True)[:8]
        ],
    }


async def measure_burst(
    window: DeskWindow,
    core: RecordingCore,
    tokens: dict[str, list[str]],
    count: int,
) -> dict[str, Any]:
    """Type `count` scans back to back while the cache is pulled again."""
    typed = burst_scans(tokens, count, random.Random(9))
    core.received.clear()
    desk = core.desk

    # A whole pull again, from the start, is the longest sync there is.
    desk.store.set_cursor(pull_module.SINCE, "")
    desk.store.set_cursor(pull_module.CURSOR, "")
    typing = True
    syncs = 0

    async def keep_syncing() -> None:
        nonlocal syncs
        while typing:
            await desk.sync_now()
            syncs += 1

    syncing = asyncio.get_running_loop().create_task(keep_syncing())
    await asyncio.sleep(0.05)
    started = time.perf_counter()
    for text in typed:
        await scan(window.scan_field.editor, text)
    typed_in = time.perf_counter() - started
    typing = False
    await asyncio.wait_for(window.wait_idle(), 600)
    received_in = time.perf_counter() - started
    await asyncio.wait_for(syncing, 600)

    return {
        **compare(typed, core.received),
        "typed": len(typed),
        "received": len(core.received),
        "typing_s": round(typed_in, 2),
        "all_received_s": round(received_in, 2),
        "syncs_during_burst": syncs,
    }


async def measure_idle(seconds: float) -> dict[str, Any]:
    """CPU time and resident memory of the logged-in window left alone."""
    # The login's first sync settles before the quiet minute starts.
    await asyncio.sleep(2.0)
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    await asyncio.sleep(seconds)
    after = resource.getrusage(resource.RUSAGE_SELF)
    elapsed = time.perf_counter() - started
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "idle_s": round(elapsed, 1),
        "cpu_s": round(cpu, 3),
        "cpu_percent": 100 * cpu / elapsed,
        "rss_mb": resident_mb(),
        "peak_rss_mb": after.ru_maxrss / 1024,
    }


def resident_mb() -> float:
    """The process's resident memory now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def compare(typed: list[str], received: list[str]) -> dict[str, int]:
    """Dropped, reordered and merged scans, the typed ones being all different."""
    place = {text: number for number, text in enumerate(typed)}
    known = [place[text] for text in received if text in place]
    merged = sum(1 for text in received if text not in place)
    dropped = len(typed) - len(set(known))
    # What is out of order is what the longest in-order run leaves out.
    tails: list[int] = []
    for index in known:
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < index:
                low = middle + 1
            else:
                high = middle
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    return {
        "dropped": dropped,
        "reordered": len(known) - len(tails),
        "merged": merged,
    }


def run_child(mode: str, url: str, folder: Path, count: int) -> dict[str, Any]:
    """Set the desk up, log in through the window, and measure."""
    result: dict[str, Any] = {}
    # As the desk does: its log and Qt's messages go to the support log.
    support_log.install(folder=folder / "log")
    send_qt_messages_to_log()

    async def main(app: QApplication) -> int:
        tokens = await sandbox_tokens(url) if mode != "idle" else {}
        desk, pull_s, packages = await open_desk(url, folder)
        core = RecordingCore(desk)
        window: DeskWindow | None = None
        try:
            desk.start()
            window = DeskWindow(core, sounds=SoundPlayer(app))
            window.show()
            await log_in_through_the_window(window)
            result.update(pull_s=round(pull_s, 1), packages=packages)
            if mode == "scan":
                result.update(await measure_scans(window, core, tokens, count))
            elif mode == "idle":
                result.update(await measure_idle(count))
            else:
                result.update(await measure_burst(window, core, tokens, count))
        finally:
            if window is not None:
                window.close_without_asking()
                await window.finish()
            await desk.aclose()
        return 0

    run_app(main, [sys.argv[0]])
    return result


if __name__ == "__main__":
    mode, url, folder, count = sys.argv[1:5]
    print(json.dumps(run_child(mode, url, Path(folder), int(count))))
