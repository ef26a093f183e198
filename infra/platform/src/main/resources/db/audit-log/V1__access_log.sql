-- Who looked at what in the audit API, and when (issue 8). Written by every service that serves
-- /api/v1/audit/** (platform AuditAccessLogFilter), read by auditors. Rows are only ever inserted,
-- then completed once with the outcome; never deleted by the application.
create table access_log (
    id           bigserial    primary key,
    received_at  timestamptz  not null,
    service      varchar(64)  not null,
    method       varchar(16)  not null,
    path         varchar(2048) not null,
    query        varchar(8192),
    account_id   varchar(255),
    username     varchar(255),
    roles        varchar(255),
    api_key_id   varchar(255),
    status       integer
);

create index access_log_account_idx on access_log (account_id, id);
create index access_log_received_at_idx on access_log (received_at);
