-- Read models owned by the projections service. Its processors' tokens (how far each has read
-- the Kafka topic) live in token_entry from db/axon.

create table balances (
    account_id    varchar(64)              not null,
    asset         varchar(12)              not null,
    available     numeric                  not null,
    held          numeric                  not null,
    last_sequence bigint                   not null,
    updated_at    timestamp with time zone not null,
    primary key (account_id, asset),
    constraint balances_available_not_negative check (available >= 0),
    constraint balances_held_not_negative check (held >= 0)
);
