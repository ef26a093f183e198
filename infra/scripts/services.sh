# shellcheck shell=bash
# The four Spring Boot services built by the Maven reactor.

# name:port — start order. command-side first (it owns the event store); the others after.
SERVICES=(
  "command-side:8081"
  "query-side:8082"
  "projections:8083"
  "saga-orchestrator:8084"
)
SERVICE_HEAP="${EXCHANGE_SERVICE_HEAP:-384m}"

# The command cluster (ADR 0009): services that send or handle commands join it over JGroups.
# name:jgroups-port:load-factor — load factor 0 sends commands but is never routed any.
CLUSTER_MEMBERS=(
  "command-side:7800:100"
  "saga-orchestrator:7801:0"
)
CLUSTER_BIND_ADDRESS="${EXCHANGE_CLUSTER_BIND_ADDRESS:-127.0.0.1}"
cluster_member() { local m; for m in "${CLUSTER_MEMBERS[@]}"; do [[ ${m%%:*} == "$1" ]] && { printf '%s' "$m"; return; }; done; return 1; }
cluster_initial_hosts() {
  local m hosts=""
  for m in "${CLUSTER_MEMBERS[@]}"; do
    m=${m#*:}
    hosts+="${hosts:+,}$CLUSTER_BIND_ADDRESS[${m%%:*}]"
  done
  printf '%s' "$hosts"
}
# Prints the cluster environment of one service (nothing for services outside the cluster).
cluster_env() {
  local member port load
  member=$(cluster_member "$1") || return 0
  if sagas_embedded; then
    # one process handles and sends every command: the local bus, no channel hop (ADR 0009)
    printf '%s\n' "EXCHANGE_CLUSTER_ENABLED=false"
    return 0
  fi
  port=${member#*:}; load=${port#*:}; port=${port%%:*}
  printf '%s\n' "EXCHANGE_CLUSTER_NAME=${EXCHANGE_CLUSTER_NAME:-exchange}" \
    "EXCHANGE_CLUSTER_BIND_ADDRESS=$CLUSTER_BIND_ADDRESS" "EXCHANGE_CLUSTER_PORT=$port" \
    "EXCHANGE_CLUSTER_LOAD_FACTOR=$load" "EXCHANGE_CLUSTER_INITIAL_HOSTS=$(cluster_initial_hosts)"
}

# Prints the access-store environment (API keys, rate limits: ADR 0013) of the services that serve
# traders. Only the services get it, not .run/env: integration tests keep their keys and buckets in
# their own throwaway databases.
access_env() {
  case "$1" in
    command-side | query-side)
      printf '%s\n' "EXCHANGE_ACCESS_DB_URL=jdbc:postgresql://$EXCHANGE_DB_HOST:$EXCHANGE_DB_PORT/$EXCHANGE_DB_NAME" \
        "EXCHANGE_API_KEY_MASTER_KEY=$(secret api-key-master-key)" ;;
  esac
}

# Prints the audit environment (issue 8): the query side reads the event store for auditors through a
# read-only pool of its own; every service that serves /api/v1/audit/** records each audit request in
# the access log (schema audit_log of the event store's database). Not in .run/env either: tests keep
# both in their throwaway databases.
audit_env() {
  local exchange_db="jdbc:postgresql://$EXCHANGE_DB_HOST:$EXCHANGE_DB_PORT/$EXCHANGE_DB_NAME"
  case "$1" in
    query-side)
      printf '%s\n' "EXCHANGE_AUDIT_DB_URL=$exchange_db" "EXCHANGE_AUDIT_DB_USER=$EXCHANGE_DB_USER" \
        "EXCHANGE_AUDIT_DB_PASSWORD=$EXCHANGE_DB_PASSWORD" ;;
  esac
  # every service with audit endpoints (the projections' replay API too) logs to the same place
  case "$1" in
    query-side | projections) printf '%s\n' "EXCHANGE_AUDIT_LOG_DB_URL=$exchange_db" ;;
  esac
}

service_names() { local s; for s in "${SERVICES[@]}"; do printf '%s\n' "${s%%:*}"; done; }
# The services this topology runs: with the sagas embedded in the command side (the default,
# ADR 0009) there is no saga-orchestrator process; EXCHANGE_SAGAS_EMBEDDED=false runs it.
sagas_embedded() { [[ ${EXCHANGE_SAGAS_EMBEDDED:-true} != false ]]; }
active_service_names() {
  local name
  for name in $(service_names); do
    [[ $name == saga-orchestrator ]] && sagas_embedded && continue
    printf '%s\n' "$name"
  done
}
service_port() { local s; for s in "${SERVICES[@]}"; do [[ ${s%%:*} == "$1" ]] && { printf '%s' "${s##*:}"; return; }; done; return 1; }
is_service() { service_port "$1" >/dev/null; }
# The runnable jar; saga-orchestrator's carries the classifier exec (its plain jar is a library).
service_jar() {
  if [[ $1 == saga-orchestrator ]]; then printf '%s/%s/target/%s-exec.jar' "$ROOT" "$1" "$1"
  else printf '%s/%s/target/%s.jar' "$ROOT" "$1" "$1"; fi
}

service_health() {
  curl -fs --max-time 3 "http://127.0.0.1:$(service_port "$1")/actuator/health" 2>/dev/null |
    grep -q '"status":"UP"'
}
# Per-service health functions for wait_healthy (which takes a function name).
command-side_health() { service_health command-side; }
query-side_health() { service_health query-side; }
projections_health() { service_health projections; }
saga-orchestrator_health() { service_health saga-orchestrator; }

# Rebuilds the service jars when any pom.xml or file under a src/ folder is newer than the
# oldest jar (or a jar is missing).
build_services_if_stale() {
  [[ -f $ROOT/pom.xml ]] || die "no Maven reactor yet ($ROOT/pom.xml missing): the services cannot be built"
  local name jar oldest="" reason=""
  for name in $(active_service_names); do
    jar=$(service_jar "$name")
    if [[ ! -f $jar ]]; then reason="$(basename "$jar") missing"; break; fi
    if [[ -z $oldest || $jar -ot $oldest ]]; then oldest="$jar"; fi
  done
  if [[ -z $reason ]]; then
    local newer
    newer=$(find "$ROOT" \( -path "$ROOT/.run" -o -path "$ROOT/.git" -o -name target -o -name node_modules \) -prune -o \
      \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$oldest" -print -quit)
    [[ -n $newer ]] && reason="${newer#"$ROOT"/} changed"
  fi
  if [[ -z $reason ]]; then ok "service jars up to date"; return 0; fi
  info "building the services ($reason): mvn -q -DskipTests install"
  local log="$LOGS/build.log"
  (cd "$ROOT" && mvn_run -B -q -DskipTests install) >"$log" 2>&1 ||
    { tail -n 40 "$log" >&2; die "build failed — see $log"; }
  for name in $(active_service_names); do
    [[ -f $(service_jar "$name") ]] || die "the build did not produce $(service_jar "$name") (see $log)"
  done
  ok "services built"
}

service_prepare() {
  local jar
  jar=$(service_jar "$1")
  [[ -f $jar ]] || die "$jar does not exist — build it first (./mvnw -DskipTests install) or run ./exchange up"
  mkdir -p "$DATA/$1"
  # keys generated here, once, in this shell: never by two launches at the same time
  event_chain_env "$1" >/dev/null
}

service_launch() {
  local name="$1" port line
  port=$(service_port "$name")
  # The environment comes from .run/env (sourced and exported by the caller), plus the service's
  # place in the command cluster, its access store, its audit databases and its event-chain keys (ADR 0019).
  (cd "$DATA/$name" && export SERVER_PORT="$port" &&
    while IFS= read -r line; do export "${line?}"; done < <(cluster_env "$name"; access_env "$name"; audit_env "$name"; event_chain_env "$name") &&
    spawn "$name" "$JAVA" "-Xmx$SERVICE_HEAP" \
    -Daxoniq.update-checker.disabled=true -Djava.net.preferIPv4Stack=true \
    -jar "$(service_jar "$name")")
}
