-- The double-entry journal (org.exchange.projection.posting.LedgerPostings), deposits, the public
-- trade tape with its candles, and how far each projection has read the event topic.

create table ledger_postings (
    -- event id ':' leg: a redelivered event inserts nothing
    posting_id    varchar(80)              not null primary key,
    event_id      varchar(64)              not null,
    leg           smallint                 not null,
    -- a trader's or fee account id, external:deposits, or clearing:<trade id>
    account_id    varchar(100)             not null,
    asset         varchar(12)              not null,
    bucket        varchar(10)              not null,
    -- signed: credits positive, debits negative; each event's legs sum to zero per asset
    amount        numeric                  not null,
    balance_after numeric,
    kind          varchar(10)              not null,
    reference     varchar(100)             not null,
    occurred_at   timestamp with time zone not null
);

-- an account's statement, newest first (keyset pagination on occurred_at, posting_id)
create index ledger_postings_by_account on ledger_postings (account_id, occurred_at desc, posting_id desc);

create table deposits (
    deposit_id  varchar(100)             not null primary key,
    account_id  varchar(64)              not null,
    asset       varchar(12)              not null,
    amount      numeric                  not null,
    credited_at timestamp with time zone not null
);

create index deposits_by_account on deposits (account_id, credited_at desc, deposit_id desc);

-- every execution of a market, as the public sees it (no accounts)
create table market_trades (
    trade_id       varchar(64)              not null primary key,
    market_id      varchar(32)              not null,
    -- the market's trade sequence: 1, 2, 3…
    sequence       bigint                   not null,
    price          numeric                  not null,
    quantity       numeric                  not null,
    quote_quantity numeric                  not null,
    taker_side     varchar(8)               not null,
    executed_at    timestamp with time zone not null
);

create unique index market_trades_by_sequence on market_trades (market_id, sequence desc);
create index market_trades_by_time on market_trades (market_id, executed_at);

-- candles of the base intervals 1m, 1h and 1d; the others are rolled up from these when asked
create table candles (
    market_id      varchar(32)              not null,
    candle_interval varchar(3)              not null,
    open_time      timestamp with time zone not null,
    open           numeric                  not null,
    high           numeric                  not null,
    low            numeric                  not null,
    close          numeric                  not null,
    volume         numeric                  not null,
    quote_volume   numeric                  not null,
    trades         bigint                   not null,
    -- sequences of the first and last trade: open and close follow the market's order, not arrival
    first_sequence bigint                   not null,
    last_sequence  bigint                   not null,
    primary key (market_id, candle_interval, open_time)
);

-- per projection and topic partition: the last record applied and the highest event-store
-- position among the records applied (read-your-writes)
create table projection_progress (
    processor    varchar(100) not null,
    partition    integer      not null,
    kafka_offset bigint       not null,
    position     bigint,
    primary key (processor, partition)
);
