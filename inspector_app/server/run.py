"""Starting the server: upgrade the database once, then hand over to uvicorn."""

from __future__ import annotations

import os

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
    enrol.ensure_device(db, folder, name="office")
    db.dispose()
    os.environ[ENV_DB], os.environ[ENV_DATA] = url, str(folder)
    print(f"serving {safe_url(url)} on http://{host}:{port} with {workers} worker(s)", flush=True)
    uvicorn.run(
        "inspector_app.server.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
    return 0
