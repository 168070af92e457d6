"""Starting the server: upgrade the database once, then hand over to uvicorn."""

from __future__ import annotations

import os
import socket

from inspector_app import paths
from inspector_app.store.db import open_database, safe_url
from inspector_app.sync import enrol, keys
from inspector_app.sync.errors import SyncError

from .app import ENV_DATA, ENV_DB


def serve(
    *, db_url: str | None, data_dir: str | None, host: str, port: int, workers: int = 1
) -> int:
    import uvicorn

    folder = paths.data_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    url = db_url or paths.sqlite_url(paths.database_path(folder))
    db = open_database(url)  # migrate once here, not in every worker
    keys.load_office_key(folder)  # refuse to start without it
    if workers < 1:
        raise SyncError("--workers must be at least 1")
    _check_port(host, port)
    enrol.ensure_device(db, folder, name="office")
    db.dispose()
    os.environ[ENV_DB], os.environ[ENV_DATA] = url, str(folder)
    print(f"serving {safe_url(url)} on http://{host}:{port} with {workers} worker(s)", flush=True)
    try:
        uvicorn.run(
            "inspector_app.server.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            timeout_graceful_shutdown=5,
        )
    except SystemExit as exc:  # uvicorn's own exit (3: it could not start)
        if exc.code not in (0, None):
            raise SyncError(f"the server stopped: it could not start on {host}:{port}") from None
    return 0


def _check_port(host: str, port: int) -> None:
    """One clear line for a busy or unusable address, before uvicorn tries and exits 3."""
    if not 0 < port < 65536:
        raise SyncError(f"--port must be 1-65535, not {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SyncError(f"cannot listen on {host}: {exc}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            hint = " (is another server running there?)" if exc.errno == 98 else ""
            raise SyncError(f"cannot listen on {host}:{port}: {reason}{hint}") from None
