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
}
