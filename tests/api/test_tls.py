"""Transport security: a self-signed server is refused unless its CA is configured."""

from __future__ import annotations

import http.server
import json
import logging
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import TransportError
from tests.api.seam import FACILITY, USER

pytestmark = pytest.mark.anyio

PASSWORD = "s3cret-desk-password"


class TokenHandler(http.server.BaseHTTPRequestHandler):
    """Answers every POST with a token grant, as /auth/token would."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        body = json.dumps(
            {
                "access_token": "a",
                "token_type": "Bearer",
                "expires_in": 300,
                "refresh_token": "r",
                "user": USER,
                "facility": FACILITY,
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the app's log, not the server's."""


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make a test certificate"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture
def https_url(certificate: tuple[Path, Path]) -> Iterator[str]:
    """An HTTPS server on loopback presenting the self-signed certificate."""
    cert, key = certificate
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TokenHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


async def test_a_self_signed_server_is_refused_and_logged_without_secrets(
    https_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        async with PartnerClient(https_url, workstation_id="ws-1") as client:
            with pytest.raises(TransportError, match="TLS: self-signed certificate"):
                await client.login("concierge", PASSWORD)

    assert "TLS failure talking to" in caplog.text
    assert PASSWORD not in caplog.text
    assert client.session is None


async def test_the_configured_ca_bundle_is_trusted(
    https_url: str, certificate: tuple[Path, Path]
) -> None:
    cert, _ = certificate
    async with PartnerClient(
        https_url, workstation_id="ws-1", ca_bundle=cert
    ) as client:
        user = await client.login("concierge", PASSWORD)

    assert user.facility_name == "The Plein Hotel"
