-- Auditors filter the event store by what an event is about, by correlation and by time (issue 8,
-- ADR 0020). Each filter gets an index over a function of the stored row. The functions are declared
-- immutable, which they are for what Axon writes here: payloads and metadata are UTF-8 JSON written by
-- Jackson, and time stamps are ISO-8601 instants ending in 'Z' (no session time zone involved).
-- PL/pgSQL, not SQL: an SQL function in an index expression is not inlined and cost ~100 µs per row
-- here, PL/pgSQL ~8 µs (docs/benchmarks.md, "Audit lookups").

-- The subjects an event names, tagged by kind: 'account:<id>', 'market:<id>', 'order:<id>',
-- 'trade:<id>'. An event names an account, order or trade when a top-level field of its payload holds
-- its id (accountId, buyer/seller/maker/taker/fee account ids, orderId, buyer/seller/maker/taker order
-- ids, tradeId), and a market when its top-level marketId or its order terms' marketId does.
create function audit_event_subjects(payload bytea) returns text[]
    language plpgsql immutable strict parallel safe as
$$
declare
    j jsonb := convert_from(payload, 'UTF8')::jsonb;
begin
    return array_remove(array[
           'account:' || (j ->> 'accountId'),
           'account:' || (j ->> 'buyerAccountId'),
           'account:' || (j ->> 'sellerAccountId'),
           'account:' || (j ->> 'makerAccountId'),
           'account:' || (j ->> 'takerAccountId'),
           'account:' || (j ->> 'feeAccountId'),
           'market:' || coalesce(j ->> 'marketId', j #>> '{terms,marketId}'),
           'order:' || (j ->> 'orderId'),
           'order:' || (j ->> 'buyerOrderId'),
           'order:' || (j ->> 'sellerOrderId'),
           'order:' || (j ->> 'makerOrderId'),
           'order:' || (j ->> 'takerOrderId'),
           'trade:' || (j ->> 'tradeId')], null);
end
$$;

-- The correlation id: Axon's trace id, shared by everything one request or one saga run caused.
create function audit_event_trace(meta_data bytea) returns text
    language plpgsql immutable strict parallel safe as
$$
begin
    return convert_from(meta_data, 'UTF8')::jsonb ->> 'traceId';
end
$$;

create function audit_event_time(time_stamp varchar) returns timestamptz
    language plpgsql immutable strict parallel safe as
$$
begin
    return time_stamp::timestamptz;
end
$$;

create index domain_event_entry_subjects_idx on domain_event_entry using gin (audit_event_subjects(payload));
create index domain_event_entry_trace_idx on domain_event_entry (audit_event_trace(meta_data));
create index domain_event_entry_time_idx on domain_event_entry (audit_event_time(time_stamp));
