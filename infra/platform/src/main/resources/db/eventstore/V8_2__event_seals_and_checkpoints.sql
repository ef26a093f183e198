-- Tamper evidence for the event store (ADR 0019). The command side seals every event it appends, in
-- the append's transaction: seal = HMAC-SHA256(key the database does not hold, row content || the
-- aggregate's previous seal). A background writer signs checkpoints (Ed25519) over the heads of the
-- aggregates that changed since the previous checkpoint. The verifier trusts none of these rows on
-- their own: it recomputes every seal and checks every signature.

create table event_seal (
    global_index         bigint       not null primary key,
    event_identifier     varchar(255) not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    previous_seal        bytea        not null,
    seal                 bytea        not null,
    constraint event_seal_event_identifier_key unique (event_identifier),
    constraint event_seal_aggregate_sequence_key unique (aggregate_identifier, sequence_number)
);

create table event_checkpoint (
    number          bigint                   not null primary key,
    position        bigint                   not null,
    previous_digest bytea                    not null,
    digest          bytea                    not null,
    signature       bytea                    not null,
    created_at      timestamp with time zone not null
);

create table event_checkpoint_head (
    checkpoint           bigint       not null references event_checkpoint (number),
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    seal                 bytea        not null,
    primary key (checkpoint, aggregate_identifier)
);
create index event_checkpoint_head_by_aggregate on event_checkpoint_head (aggregate_identifier, checkpoint desc);

-- Events stored before sealing existed: the command side seals those (and only those: positions up
-- to this one) once, on its first start with sealing, and then sets sealed_at. Trust on first use.
create table event_chain_origin (
    id        smallint                 not null primary key check (id = 1),
    position  bigint                   not null,
    sealed_at timestamp with time zone
);
insert into event_chain_origin (id, position) select 1, coalesce(max(global_index), 0) from domain_event_entry;
