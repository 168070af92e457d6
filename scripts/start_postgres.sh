#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests and print its URL.
# Usage: eval "$(bash scripts/start_postgres.sh)"   (exports INSPECTOR_TEST_PG_URL)
# Needs the Debian postgresql package (installed by .ci/run).
set -euo pipefail
PORT="${INSPECTOR_PG_PORT:-54329}"
DIR="${INSPECTOR_PG_DIR:-/tmp/inspector-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$BIN/initdb" ] || { echo "postgresql server binaries not found (apt-get install postgresql)" >&2; exit 1; }
RUN_AS=()
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
fi
"$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='inspector_test'" | grep -q 1 \
  || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres inspector_test >&2
echo "export INSPECTOR_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/inspector_test"
