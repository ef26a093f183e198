-- Replays of projections (docs/adr/0012): one row per replay started through /api/v1/audit/replays.
-- Kept in the live schema; a replay's own tables and tokens are in its schema (replay_<id>) until
-- they are swapped in.
create table replays (
    replay_id         uuid         not null primary key,
    projection        varchar(64)  not null,
    state             varchar(16)  not null,
    schema_name       varchar(63)  not null,
    started_by        varchar(255) not null,
    started_at        timestamp(6) with time zone not null,
    finished_at       timestamp(6) with time zone,
    events_done       bigint       not null default 0,
    events_total      bigint       not null default 0,
    store_events      bigint,
    highest_position  bigint,
    topic_records     bigint,
    failure           varchar(2000)
);
create index replays_by_start on replays (started_at desc);
