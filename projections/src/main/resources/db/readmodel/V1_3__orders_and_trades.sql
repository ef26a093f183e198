-- A trader's orders and settled trades, as the query side answers them.

create table orders (
    order_id              varchar(64)              not null primary key,
    account_id            varchar(64)              not null,
    client_order_id       text,
    market_id             varchar(32)              not null,
    side                  varchar(8)               not null,
    type                  varchar(16)              not null,
    time_in_force         varchar(8),
    price                 numeric,
    quantity              numeric,
    quote_quantity        numeric,
    stop_price            numeric,
    status                varchar(20)              not null,
    reason                text,
    cancel_requested      boolean                  not null default false,
    filled_quantity       numeric                  not null,
    filled_quote_quantity numeric                  not null,
    average_price         numeric,
    fees                  numeric                  not null,
    fee_asset             varchar(12),
    -- the Order aggregate's sequence number of the last event applied: older events change nothing
    last_sequence         bigint                   not null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null
);

-- a trader's orders, newest first (keyset pagination on created_at, order_id)
create index orders_by_account on orders (account_id, created_at desc, order_id desc);

create table trades (
    trade_id         varchar(64)              not null primary key,
    market_id        varchar(32)              not null,
    sequence         bigint                   not null,
    price            numeric                  not null,
    quantity         numeric                  not null,
    quote_quantity   numeric                  not null,
    buyer_order_id   varchar(64)              not null,
    buyer_account_id varchar(64)              not null,
    seller_order_id  varchar(64)              not null,
    seller_account_id varchar(64)             not null,
    taker_side       varchar(8)               not null,
    buyer_fee        numeric                  not null,
    seller_fee       numeric                  not null,
    fee_asset        varchar(12)              not null,
    -- when the trade was settled (its TradeSettledEvent), milliseconds after it matched
    executed_at      timestamp with time zone not null
);

create index trades_by_buyer on trades (buyer_account_id, executed_at desc, trade_id desc);
create index trades_by_seller on trades (seller_account_id, executed_at desc, trade_id desc);
