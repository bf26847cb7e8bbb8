"""What a login and a scan give back to the desk window and the command line."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from concierge_app.domain.model import Facility, Order
from concierge_app.domain.verdict import Verdict


class ReceiptNotKept(Exception):
    """The store could not write an accepted receipt: it is NOT received."""


@dataclass(frozen=True, slots=True)
class LoginOk:
    """A user is logged in at this desk."""

    username: str
    display_name: str
    facility_name: str
    facility: Facility
    role: str = "concierge"
    offline: bool = False
    """True when the local verifier unlocked the desk without the server."""


class LoginFailure(enum.StrEnum):
    """Why a login did not go through; each front end words it itself."""

    WRONG_CREDENTIALS = "wrong_credentials"
    LOCKED = "locked"
    OFFLINE_UNAVAILABLE = "offline_unavailable"
    UNAVAILABLE = "unavailable"
    OTHER_FACILITY = "other_facility"
    """The right password, of a user of another facility than this desk's."""


@dataclass(frozen=True, slots=True)
class LoginFailed:
    """A refused login; `locked_until` is set for `LoginFailure.LOCKED`,
    `facility_name` (the user's) for `LoginFailure.OTHER_FACILITY`."""

    cause: LoginFailure
    locked_until: datetime | None = None
    detail: str = ""
    facility_name: str = ""


LoginOutcome = LoginOk | LoginFailed


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    """What one scan gave: a verdict, the order to show, or both.

    A scanned token gives a verdict, and the order when the desk knows it; an
    accepted one also gives the id of the receipt now durable in the store.
    A scanned order id gives the order and no verdict.
    """

    verdict: Verdict | None
    order: Order | None = None
    receipt_id: str | None = None
