# shellcheck shell=bash
# Keeps what is derived from the event store consistent with it.
#
# The event store (database `exchange`) is the truth; the Kafka log and the read models
# (database `exchange_read`, OpenSearch) are derived from it. PostgreSQL may be the machine's own
# server and outlive .run/, while Kafka's log lives in .run/. A new Kafka log (fresh clone, `rm -rf
# .run`) next to an old event store would leave the publisher believing everything was published
# and the projections holding offsets of a log that no longer exists: events would be skipped
# silently. So the `exchange` database remembers the Kafka cluster it was published to; when that
# changes, the publisher's token is deleted (it republishes the whole event store) and the read
# database is recreated (the projections rebuild from the new log). Events are never touched.

kafka_cluster_id() {
  sed -n 's/^cluster.id=//p' "$KAFKA_DATA/logs/meta.properties" 2>/dev/null
}

align_derived_state() {
  command -v psql >/dev/null 2>&1 || { warn "psql not found: cannot check the read models against the Kafka log"; return 0; }
  local port cluster recorded events
  port=$(pg_port)
  cluster=$(kafka_cluster_id)
  [[ -n $cluster ]] || return 0
  recorded=$(pg_psql "$port" -At -c \
    "select coalesce(shobj_description(oid, 'pg_database'), '') from pg_database where datname = 'exchange'")
  [[ $recorded == "kafka-cluster=$cluster" ]] && return 0
  # two statements: PostgreSQL resolves every table of a statement before running it, so a count
  # of a missing table fails even behind a case that would not evaluate it
  events=0
  if [[ -n $(pg_psql "$port" -d "exchange" -At -c "select to_regclass('domain_event_entry')") ]]; then
    events=$(pg_psql "$port" -d "exchange" -At -c "select count(*) from domain_event_entry")
  fi
  if [[ $events -gt 0 ]]; then
    warn "the Kafka log is new (cluster $cluster) but the event store holds $events events published elsewhere:"
    warn "republishing the event store and rebuilding the read models in 'exchange_read'"
    pg_psql "$port" -d "exchange" -c \
      "do \$\$ begin if to_regclass('token_entry') is not null then
         delete from token_entry where processor_name like 'kafka-publisher%'; end if; end \$\$;"
    pg_psql "$port" -c "drop database if exists exchange_read with (force)"
    pg_psql "$port" -c "create database exchange_read owner exchange"
  fi
  pg_psql "$port" -c "comment on database exchange is 'kafka-cluster=$cluster'"
  event_store_identity >"$KAFKA_DATA/event-store" || rm -f "$KAFKA_DATA/event-store"
}

# The event store a Kafka log is published from: "<server's system identifier>/<database oid>"
# (a dropped and recreated `exchange` database, or another server, gets another identity).
event_store_identity() {
  local identity
  identity=$(pg_psql "$(pg_port)" -At -c "select (select system_identifier from pg_control_system()) || '/' || oid
    from pg_database where datname = 'exchange'" 2>/dev/null) || return 1
  [[ -n $identity ]] || return 1
  printf '%s\n' "$identity"
}

# Before Kafka starts: a log published from another event store (the databases were dropped, or the
# server changed, while .run/ was kept) is derived state of something that no longer exists; the
# projections would read its events back into the read models. It is discarded, so that
# align_derived_state republishes this event store into a new log and rebuilds the read models.
discard_foreign_kafka_log() {
  local marker="$KAFKA_DATA/event-store" recorded current
  [[ -f $marker ]] || return 0
  recorded=$(cat "$marker")
  current=$(event_store_identity) || return 0
  [[ $recorded == "$current" ]] && return 0
  if live_pid kafka >/dev/null; then
    warn "the running Kafka's log was published from another event store ($recorded, now $current):"
    warn "run ./exchange down and ./exchange up to discard it"
    return 0
  fi
  warn "the Kafka log in $KAFKA_DATA was published from another event store ($recorded, now $current): discarding it"
  rm -rf "$KAFKA_DATA"
}

# How far the derived state is behind the event store, as "<publisher> <projections>": events
# appended but not yet published to Kafka, and the most records of the Kafka log any projection
# has still to read (projection_backlog).
derived_lag() {
  local port head published backlog
  port=$(pg_port)
  head=$(pg_psql "$port" -d exchange -At -c "select coalesce(max(global_index), 0) from domain_event_entry" 2>/dev/null) || return 1
  published=$(pg_psql "$port" -d exchange -At -c "select coalesce(max((convert_from(token, 'UTF8')::json->>'index')::bigint), 0)
    from token_entry where processor_name like 'kafka-publisher%'" 2>/dev/null) || return 1
  backlog=$(projection_backlog public "$(service_port projections)") || return 1
  printf '%s %s\n' "$((head - published))" "$backlog"
}

# event_topic_records: how many records the event topic holds (sum of its partitions' end offsets).
event_topic_records() {
  "$JAVA" -cp "$KAFKA_HOME/libs/*" org.apache.kafka.tools.GetOffsetShell --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --topic "${EXCHANGE_EVENTS_TOPIC:-exchange.events}" 2>/dev/null | awk -F: '{s += $3} END {print s + 0}'
}

# projection_backlog <schema> <service port> [records]: the most records of the event topic any
# projection of the read models in <schema> has still to read. Its token holds the offset of the
# last record read per partition; a processor that starts without a token gets a replay token,
# whose current position is inside; a processor the service reports but that has no token yet has
# read nothing.
projection_backlog() {
  local schema="$1" service_port="$2" ends="${3:-}" processors
  [[ -n $ends ]] || ends=$(event_topic_records) || return 1
  processors=$(curl -sf "http://127.0.0.1:$service_port/actuator/health" 2>/dev/null |
    grep -o '"eventProcessors":{"details":{[^}]*}' | grep -o '"[A-Za-z0-9_.-]*":"[A-Z_]*"' | cut -d'"' -f2 |
    paste -sd, -) || true
  pg_psql "$(pg_port)" -d exchange_read -At -c "select coalesce(max($ends - coalesce(read, 0)), 0)
      from (select name from unnest(string_to_array('$processors', ',')) as name
            union select processor_name from $schema.token_entry) as processors
      left join (select processor_name, sum(value::bigint + 1) as read
                   from $schema.token_entry, json_each_text(coalesce(convert_from(token, 'UTF8')::json->'currentToken'->'positions',
                                                             convert_from(token, 'UTF8')::json->'positions'))
                  group by processor_name) as progress on progress.processor_name = processors.name" 2>/dev/null
}

# await_read_models: waits (with progress, at most EXCHANGE_CATCH_UP_TIMEOUT seconds, default 600)
# until Kafka holds every stored event and every projection has read the whole log, so that what
# runs next (the demo's queries, the system tests) sees read models that are up to date. Long only
# after a republish (a new Kafka log beside an old event store, see align_derived_state).
await_read_models() {
  local timeout="${EXCHANGE_CATCH_UP_TIMEOUT:-600}" start=$SECONDS lag publisher projections last=""
  while :; do
    lag=$(derived_lag) || { warn "cannot measure how far the read models are behind (see the service logs)"; return 0; }
    read -r publisher projections <<<"$lag"
    if [[ ${publisher:-0} -le 0 && ${projections:-0} -le 0 ]]; then
      [[ -n $last ]] && ok "read models caught up with the event store ($((SECONDS - start)) s)"
      return 0
    fi
    if ((SECONDS - start >= timeout)); then
      warn "read models still behind after ${timeout} s: $publisher events to publish, $projections to project"
      return 0
    fi
    if [[ $lag != "$last" ]]; then
      note "catching up: $publisher events to publish to Kafka, up to $projections for the projections to read"
      last=$lag
    fi
    sleep 3
  done
}
