#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for the ledger tests, and say where it is.
#
#   eval "$(bash .ci/postgres.sh)"      # exports ONRECORD_TEST_PG=postgresql+psycopg://...
#   . .ci/postgres.sh                   # the same, when sourced
#
# The cluster lives in a fresh temporary folder, listens on a free loopback port only, trusts local
# connections (it holds test data and nothing else) and keeps running until the machine or the caller
# stops it (`pg_ctl -D <dir> stop`; the folder is printed on stderr). PostgreSQL is installed with apt
# when no initdb/pg_ctl can be found. initdb refuses to run as root, so as root the server runs as the
# `postgres` user. Only the export line goes to stdout; everything else goes to stderr.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  fi
}

PG_BIN=$(find_bin)
if [ -z "$PG_BIN" ]; then
  log "no PostgreSQL found; installing it with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  PG_BIN=$(find_bin)
fi
if [ -z "$PG_BIN" ]; then
  log "PostgreSQL could not be found or installed"
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  AS_PG=(runuser -u postgres --)
else
  AS_PG=()
fi

PGDIR=$(mktemp -d /tmp/onrecord-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DB=onrecord_test

"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2 \
  || "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 >&2
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c fsync=off -c full_page_writes=off" start >&2
"${AS_PG[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >&2

URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
log "PostgreSQL $("$PG_BIN/pg_ctl" --version | awk '{print $3}') running in $PGDIR (stop: ${AS_PG[*]} $PG_BIN/pg_ctl -D $PGDIR/data stop)"
export ONRECORD_TEST_PG="$URL"
echo "export ONRECORD_TEST_PG=$URL"
