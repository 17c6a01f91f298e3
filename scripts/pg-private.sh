#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL for tests: initdb into a temporary folder, a free port on
# loopback, trust auth for the postgres user. Prints the folder and URL as shell assignments:
#   eval "$(scripts/pg-private.sh start)"   ->  PG_PRIVATE_DIR=… TEST_DATABASE_URL=…
#   scripts/pg-private.sh stop "$PG_PRIVATE_DIR"
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

as_pg() {
  # initdb refuses to run as root: run the server as the postgres user when we are root.
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin=$(find_bin) || { echo "PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/yimen-pg.XXXXXX)
    if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$dir"; fi
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "PG_PRIVATE_DIR=$dir"
    echo "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: pg-private.sh stop DIR}
    bin=$(find_bin) || exit 0
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-private.sh start | stop DIR" >&2
    exit 2
    ;;
esac
