# Sourced: a throwaway PostgreSQL server on 127.0.0.1 for the tests, stopped on exit.
PG_PORT="${MESH_ADVISOR_PG_PORT:-5433}"
PG_DIR=""

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

start_postgres() {
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] || die "PostgreSQL is not installed: run \`apt-get install -y postgresql\` and run this again."
  PG_DIR="$(mktemp -d /tmp/mesh-advisor-pg.XXXXXX)"
  local as=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
    die "initdb failed (log: $PG_DIR/initdb.log): check that $PG_DIR is writable, then run this again."
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k /tmp -c fsync=off -c max_connections=300" start >/dev/null ||
    die "PostgreSQL did not start on 127.0.0.1:$PG_PORT (log: $PG_DIR/server.log): free the port or set MESH_ADVISOR_PG_PORT, then run this again."
  export PG_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$PG_PORT"
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"; PG_DIR=""
}
