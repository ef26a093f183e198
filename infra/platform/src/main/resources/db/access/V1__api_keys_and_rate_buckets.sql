-- The access store: credentials for bots and the rate limiters' buckets. Kept apart from the
-- event store (docs/adr/0013): a credential must be erasable, an event never is.

CREATE TABLE api_keys (
    key_id        uuid PRIMARY KEY,
    -- the public half, sent as X-MBX-APIKEY
    api_key       text        NOT NULL UNIQUE,
    account_id    text        NOT NULL,
    username      text        NOT NULL,
    label         text        NOT NULL,
    permissions   text[]      NOT NULL,
    -- empty: any address
    ip_allow_list text[]      NOT NULL,
    -- the secret, sealed with AES-256-GCM under the master key; the key id is the associated data
    secret_nonce  bytea       NOT NULL,
    secret_sealed bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);

CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at);

-- Token buckets shared by every replica. Unlogged: a crash of the database refills them, which
-- only forgives some requests; it saves a WAL write per request.
CREATE UNLOGGED TABLE rate_buckets (
    bucket            text    PRIMARY KEY,
    capacity          integer NOT NULL,
    refill_per_second integer NOT NULL,
    -- thousandths of a request
    milli_tokens      bigint  NOT NULL,
    -- epoch milliseconds of the database clock
    refreshed_at      bigint  NOT NULL,
    granted           boolean NOT NULL
);
