"""Every failure the partner API client raises, and which of them to retry.

    ApiError
    ├── TransportError          no usable answer: timeout, reset, refused (retry)
    ├── ProtocolError           an answer that does not follow the contract
    └── ProblemError            the server answered with a problem+json
        ├── ServerError         5xx (retry)
        ├── RateLimited         429, with the wait the server asked for (retry)
        ├── LoginRequired       credentials or refresh refused: log in again
        ├── WrongFacility       403: the order or token is another facility's
        ├── NotFound            404: order-not-found or unknown-token
        ├── BatchTooLarge       413: the batch must be split
        └── RequestRefused      400/422 and anything else: do not retry

`is_retryable` is the one place that says which failures are worth another
try; the sync engine's backoff asks it and nothing else.
"""

from __future__ import annotations

from concierge_app.api.problems import Problem


class ApiError(Exception):
    """Base of every error the partner API client raises."""


class TransportError(ApiError):
    """The request got no usable answer (timeout, reset, connection refused)."""


class ProtocolError(ApiError):
    """The server answered, but not in the shape the contract promises."""


class ProblemError(ApiError):
    """The server answered with an error; `problem` holds its problem+json."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(
            f"{problem.status} {problem.name}: {problem.detail or problem.title}"
        )
        self.problem = problem


class ServerError(ProblemError):
    """The server failed (5xx); the same request may work later."""


class RateLimited(ProblemError):
    """429: wait `retry_after` seconds (already capped) before trying again."""

    def __init__(self, problem: Problem, retry_after: float) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class LoginRequired(ProblemError):
    """The user must log in again; queued receipts stay queued."""


class WrongFacility(ProblemError):
    """The order or token belongs to another facility."""


class OtherFacilityUser(Exception):
    """Good credentials of a user who works at another facility than asked.

    Not an `ApiError`: the platform answered, and the session is unchanged.
    """

    def __init__(self, facility_name: str) -> None:
        super().__init__(f"the user works at {facility_name}")
        self.facility_name = facility_name


class NotFound(ProblemError):
    """No such order, or no package has this token."""


class BatchTooLarge(ProblemError):
    """The receipt batch exceeds the server's bound."""


class RequestRefused(ProblemError):
    """The server refused the request as it is; retrying it cannot help."""


def is_retryable(error: BaseException) -> bool:
    """True for failures that the same request may get past later."""
    return isinstance(error, TransportError | ServerError | RateLimited)
