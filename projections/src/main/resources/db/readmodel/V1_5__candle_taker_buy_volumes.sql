-- Binance's klines carry what takers bought in each candle (base and quote): kept per stored candle
-- like the other sums, so that every interval rolls up from them. Candles written before this
-- migration get theirs from the tape, which holds every trade a candle counts (both are written
-- by the same statement), bucketed in UTC like CandleInterval.
alter table candles
    add column taker_buy_volume       numeric not null default 0,
    add column taker_buy_quote_volume numeric not null default 0;

update candles c
   set taker_buy_volume = bought.volume,
       taker_buy_quote_volume = bought.quote_volume
  from (select t.market_id, unit.candle_interval,
               date_trunc(unit.field, t.executed_at at time zone 'UTC') at time zone 'UTC' as open_time,
               sum(t.quantity) as volume, sum(t.quote_quantity) as quote_volume
          from market_trades t,
               (values ('1m', 'minute'), ('1h', 'hour'), ('1d', 'day')) as unit (candle_interval, field)
         where t.taker_side = 'BUY'
         group by 1, 2, 3) bought
 where c.market_id = bought.market_id
   and c.candle_interval = bought.candle_interval
   and c.open_time = bought.open_time;
