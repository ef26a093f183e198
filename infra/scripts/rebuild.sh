# shellcheck shell=bash
# ./exchange rebuild — rebuilds every PostgreSQL read model from the event topic into a fresh
# schema while the current ones keep serving, then swaps the fresh ones in (docs/runbook.md).
#
#   1. schema read_model_next (dropped first if an earlier rebuild left one)
#   2. a second projections process on it (port 8093): its processors have no tokens, so they
#      read the event topic from the start; progress is printed until it has caught up
#   3. the live projections service stops (the query side keeps serving the current tables),
#      the rebuild catches up with what arrived meanwhile and stops
#   4. one transaction renames public to read_model_previous_<time> and read_model_next to
#      public: the query side's next statement reads the rebuilt tables (its JDBC connections do
#      not keep server-side prepared statements, which would stick to the old tables)
#   5. the projections service starts again on the rebuilt tables and their tokens
REBUILD_NAME=projections-rebuild
REBUILD_SCHEMA=read_model_next
REBUILD_PORT="${EXCHANGE_REBUILD_PORT:-8093}"

cmd_rebuild() {
  setup
  load_env
  service_health projections || die "the projections service is not running: ./exchange up first"
  local port started=$SECONDS previous
  port=$(pg_port)
  previous="read_model_previous_$(date -u +%Y%m%d%H%M%S)"
  trap 'rebuild_abort' EXIT INT TERM
  pg_psql "$port" -d exchange_read -c "drop schema if exists $REBUILD_SCHEMA cascade" \
    -c "create schema $REBUILD_SCHEMA authorization ${EXCHANGE_DB_USER:-exchange}" >/dev/null
  info "rebuilding the read models into schema $REBUILD_SCHEMA; the current ones keep serving"
  (cd "$DATA/projections" && export EXCHANGE_READ_DB_SCHEMA=$REBUILD_SCHEMA EXCHANGE_PROJECTIONS_PORT=$REBUILD_PORT &&
    spawn "$REBUILD_NAME" "$JAVA" "-Xmx$SERVICE_HEAP" -Daxoniq.update-checker.disabled=true \
      -Djava.net.preferIPv4Stack=true -jar "$(service_jar projections)")
  wait_healthy "$REBUILD_NAME" 180 rebuild_health "$(live_pid "$REBUILD_NAME")"
  rebuild_follow "rebuilding"

  info "caught up: stopping the live projections for the swap (reads keep being served)"
  stop_components projections
  rebuild_follow "catching up"
  stop_components "$REBUILD_NAME"
  pg_psql "$port" -d exchange_read -c "begin" -c "alter schema public rename to $previous" \
    -c "alter schema $REBUILD_SCHEMA rename to public" -c "commit" >/dev/null
  ok "swapped: the rebuilt read models are live; the previous ones are in schema $previous"
  note "(remove them with: psql -h 127.0.0.1 -U postgres -d exchange_read -c 'drop schema $previous cascade')"
  trap - EXIT INT TERM
  launch projections
  await projections
  ok "read models rebuilt in $((SECONDS - started)) s"
}

rebuild_health() { curl -fs --max-time 3 "http://127.0.0.1:$REBUILD_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }

# rebuild_follow <label>: progress of the rebuild until every processor has read the whole topic.
rebuild_follow() {
  local label="$1" total backlog read last_read=0 last_time=$SECONDS rate=0 eta shown="" quiet_since=$SECONDS
  while :; do
    total=$(event_topic_records) || die "cannot read the event topic's end offsets"
    backlog=$(projection_backlog "$REBUILD_SCHEMA" "$REBUILD_PORT" "$total") || backlog=$total
    read=$((total - backlog))
    if ((SECONDS - last_time >= 3)); then
      rate=$(((read - last_read) / (SECONDS - last_time)))
      last_read=$read last_time=$SECONDS
    fi
    if ((rate > 0)); then eta="~$((backlog / rate)) s left"; else eta="…"; fi
    # a line when the count moves, else one every 30 s (a stuck rebuild shows as a repeated count)
    if [[ $read != "$shown" ]] || ((SECONDS - quiet_since >= 30)); then
      note "$label: $read of $total records ($((total ? 100 * read / total : 100))%), ${rate}/s, $eta"
      shown=$read quiet_since=$SECONDS
    fi
    ((backlog <= 0)) && return 0
    live_pid "$REBUILD_NAME" >/dev/null || die "the rebuild stopped — see $LOGS/$REBUILD_NAME.log"
    sleep 1
  done
}

# A failed or interrupted rebuild leaves the live read models as they were: stop the rebuild,
# and start the projections service again if this command stopped it.
rebuild_abort() {
  local rc=$?
  trap - EXIT INT TERM
  warn "rebuild interrupted: the current read models stay live (schema $REBUILD_SCHEMA is left for inspection)"
  stop_components "$REBUILD_NAME"
  if ! live_pid projections >/dev/null; then launch projections; await projections; fi
  exit "$rc"
}
