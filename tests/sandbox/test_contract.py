"""The running sandbox, over real loopback HTTP, checked against openapi.yaml.

Schemathesis generates valid and invalid requests for every operation
(malformed bodies, bad parameters, missing and invalid bearer tokens) and
checks each answer: no server error, a documented status, content type and
headers, and a body that matches the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import SandboxAdmin

CONTRACT = resources.files("concierge_app") / "resources" / "openapi.yaml"

schema = schemathesis.openapi.from_path(str(CONTRACT))
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=50,
    # The bearer is a real one the test logs in for (and the ignored_auth
    # check strips it to prove it is enforced); generating one teaches nothing.
    with_security_parameters=False,
)
# The contract answers 413 batch-too-large for more than 100 receipts.
_rejection = schema.config.checks.negative_data_rejection
_rejection.expected_statuses = [*_rejection.expected_statuses, "413"]


@pytest.fixture
def contract_sandbox(
    sandbox_factory: Callable[..., SandboxServer],
) -> tuple[SandboxServer, str]:
    """A sandbox with budgets out of reach, and a concierge's bearer token.

    The contract test is about shapes, not limits (test_limits.py covers
    those); one login per operation keeps the examples fast.
    """
    server = sandbox_factory(requests_per_minute=1_000_000, entities_per_minute=10**8)
    admin = SandboxAdmin(server.url)
    try:
        bearer = admin.login("concierge", "DESK-CONTRACT")["access_token"]
    finally:
        admin.close()
    return server, bearer


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_matches_the_contract(
    case: schemathesis.Case, contract_sandbox: tuple[SandboxServer, str]
) -> None:
    server, bearer = contract_sandbox
    case.call_and_validate(
        base_url=server.url,
        headers={"Authorization": f"Bearer {bearer}"},
        # A well-formed request may rightly be refused: wrong password
        # (400 invalid-grant), or a 17-symbol string whose check symbol
        # fails (422), which JSON Schema cannot express.
        excluded_checks=[positive_data_acceptance],
    )
