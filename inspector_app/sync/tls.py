"""Which certificates the sync client trusts.

A bureau's sync server usually has a certificate from the government's or the bureau's
own CA, which IT installs into the laptops' operating system (Windows certificate store,
macOS keychain, the Linux system CA bundle) — not into Python's certifi bundle. So the
client verifies against the operating system's trust store (``truststore``), as browsers
on the same laptop do. ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` still name a CA file or folder
explicitly (a test server, a laptop IT cannot manage).
"""

from __future__ import annotations

import os
import ssl
from functools import lru_cache


@lru_cache(maxsize=4)
def _context(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    if cafile or capath:
        return ssl.create_default_context(cafile=cafile, capath=capath)
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def context() -> ssl.SSLContext:
    """The SSL context every HTTPS request of the app uses (hostname checked, TLS ≥ 1.2)."""
    ctx = _context(os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx
