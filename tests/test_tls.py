"""HTTPS to the office: the sync client trusts what the operating system trusts (its
certificate store, via truststore) or an explicit SSL_CERT_FILE, and refuses a server
whose certificate neither vouches for, with the reason in one line."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import truststore
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from inspector_app.sync import client, tls
from inspector_app.sync.errors import SyncError
from inspector_app.ui.sync.online import probe


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _certificates(folder):
    """An internal CA (as a bureau's IT runs one) and the sync server's certificate."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder().subject_name(_name("漳州市市场监督管理局内部CA"))
        .issuer_name(_name("漳州市市场监督管理局内部CA")).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "server.pem").write_bytes(cert.public_bytes(pem))
    (folder / "server.key").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return folder / "ca.pem"


class _Office(BaseHTTPRequestHandler):
    def _answer(self, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self):  # noqa: N802 (http.server's name)
        self._answer({"status": "ok"})

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer({"device_id": "d", "fingerprint": "f", "status": "pending"})

    def log_message(self, *args):
        pass


@pytest.fixture
def https_office(tmp_path, monkeypatch):
    ca = _certificates(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Office)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    yield f"https://127.0.0.1:{server.server_address[1]}", ca
    server.shutdown()
    server.server_close()


def test_the_operating_system_store_is_the_default(monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    assert isinstance(tls.context(), truststore.SSLContext)
    assert tls.context().minimum_version == ssl.TLSVersion.TLSv1_2


def test_a_server_nobody_vouches_for_is_refused_with_the_reason(https_office):
    url, _ca = https_office
    assert probe(url) is False  # the status bar says offline, not online
    with pytest.raises(SyncError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        client.send_enrol_request(url, {"device_id": "d"})


def test_the_bureau_ca_named_in_ssl_cert_file_is_trusted(https_office, monkeypatch):
    url, ca = https_office
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    assert probe(url) is True
    assert client.send_enrol_request(url, {"device_id": "d"})["status"] == "pending"
