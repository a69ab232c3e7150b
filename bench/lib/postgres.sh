# bench/lib/postgres.sh, sourced by the bench scripts: Debian's PostgreSQL server in $WORK/pg, with
# durable settings (fsync on) as a production server would run. The caller defines WORK and free_port.
PG_DIR=""; PG_BIN=""; AS_PG=(); PG_PORT=""

start_postgres() { # -> PG_PORT; user and password: postgres
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  [ -x "$PG_BIN/initdb" ] || { echo "${0##*/}: needs Debian's postgresql for -s postgres" >&2; exit 1; }
  PG_DIR=$WORK/pg; mkdir -p "$PG_DIR"
  # as root, PostgreSQL runs as the postgres user, which needs to pass through (not list) $WORK
  if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); chmod 711 "$WORK"; chown postgres "$PG_DIR"; fi
  chmod 700 "$PG_DIR"
  printf 'postgres\n' > "$PG_DIR/pw"; [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR/pw"
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 --locale=C >/dev/null
  PG_PORT=$(free_port)
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 start \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
}

stop_postgres() { # [fast|immediate]
  [ -n "$PG_DIR" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m "${1:-fast}" -w >/dev/null 2>&1
  PG_DIR=""
}
