-- Read models owned by the projections service, plus the tokens of its event processors
-- (how far each one has read the Kafka topic).

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

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    owner          varchar(255),
    timestamp      varchar(255) not null,
    token          bytea,
    token_type     varchar(255),
    primary key (processor_name, segment)
);

-- Axon registers its saga entities wherever JPA is present; the tables exist so that schema
-- validation passes. Projections never run sagas.
create table saga_entry (
    saga_id         varchar(255) not null primary key,
    revision        varchar(255),
    saga_type       varchar(255),
    serialized_saga bytea
);
create sequence association_value_entry_seq start with 1 increment by 50;
create table association_value_entry (
    id                bigint       not null primary key,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_id           varchar(255) not null,
    saga_type         varchar(255)
);
