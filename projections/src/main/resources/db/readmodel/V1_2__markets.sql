-- Listed markets with their trading rules and whether they accept orders.
create table markets (
    market_id      varchar(32)              not null primary key,
    base_asset     varchar(12)              not null,
    quote_asset    varchar(12)              not null,
    tick_size      numeric                  not null,
    step_size      numeric                  not null,
    min_quantity   numeric                  not null,
    max_quantity   numeric                  not null,
    min_notional   numeric                  not null,
    maker_fee_rate numeric                  not null,
    taker_fee_rate numeric                  not null,
    status         varchar(16)              not null,
    status_reason  varchar(500),
    last_sequence  bigint                   not null,
    opened_at      timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
