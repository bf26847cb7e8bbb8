"""The workstation's local SQLite store: cache, receipt queue, audit log, cursors.

Other layers import from here: `Store` and the types its methods take and
return. The modules behind it each do one job; see their docstrings.
"""

from concierge_app.domain.model import ResultStatus
from concierge_app.store.audit import AuditCheck, AuditEntry
from concierge_app.store.errors import (
    DuplicateReceipt,
    InvalidReceipt,
    ReceiptStateError,
    StoreDamaged,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreTooNew,
    StoreWriteError,
    UnknownReceipt,
)
from concierge_app.store.health import Recovery
from concierge_app.store.lists import (
    AttentionKey,
    ExpectedKey,
    ExpectedPackage,
    ListedReceipt,
    ListQueries,
    TodayKey,
    day_bounds,
)
from concierge_app.store.paths import DATA_DIR_ENV, resolve_data_dir
from concierge_app.store.records import (
    NOTE_MAX_LENGTH,
    Problem,
    ReceiptDraft,
    ReceiptOutcome,
    StoredReceipt,
)
from concierge_app.store.store import Store
from concierge_app.store.timestamps import utc_now
from concierge_app.store.verifiers import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    OfflineLoginResult,
    OfflineLoginStatus,
    PreparedVerifier,
    UnlockAnswer,
    UnlockSalt,
    prepare_verifier,
)

__all__ = [
    "DATA_DIR_ENV",
    "LOCKOUT",
    "MAX_FAILED_ATTEMPTS",
    "NOTE_MAX_LENGTH",
    "AttentionKey",
    "AuditCheck",
    "AuditEntry",
    "DuplicateReceipt",
    "ExpectedKey",
    "ExpectedPackage",
    "InvalidReceipt",
    "ListQueries",
    "ListedReceipt",
    "OfflineLoginResult",
    "OfflineLoginStatus",
    "PreparedVerifier",
    "Problem",
    "ReceiptDraft",
    "ReceiptOutcome",
    "ReceiptStateError",
    "Recovery",
    "ResultStatus",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreFull",
    "StoreLocked",
    "StoreTooNew",
    "StoreWriteError",
    "StoredReceipt",
    "TodayKey",
    "UnknownReceipt",
    "UnlockAnswer",
    "UnlockSalt",
    "day_bounds",
    "prepare_verifier",
    "resolve_data_dir",
    "utc_now",
]
