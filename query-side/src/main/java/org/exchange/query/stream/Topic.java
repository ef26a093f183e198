package org.exchange.query.stream;

import org.exchange.api.market.CandleInterval;

import java.util.Objects;

/**
 * What a stream carries, independent of any wire format: the native protocol names it
 * {@code trades:BTC-USDT}, a Binance-compatible one {@code btcusdt@trade}; both subscribe to the
 * same topic and get the same updates, each through its own {@link StreamEncoder}.
 *
 * @param key      the market id for market data, the account id for a user's own updates
 * @param interval for {@link Kind#CANDLES} only
 */
public record Topic(Kind kind, String key, CandleInterval interval) {

    public enum Kind {
        /**
         * {@code DEPTH} diffs are gathered every {@code depthBatch}; {@code DEPTH_EVERY_SECOND} merges
         * them over one second (Binance's {@code <symbol>@depth}). {@code POSITIONS}: an account's
         * balances of the assets an account event changed, both buckets, once per event.
         */
        TRADES, DEPTH, DEPTH_EVERY_SECOND, TICKER, CANDLES, ORDERS, BALANCES, POSITIONS;

        public boolean personal() {
            return this == ORDERS || this == BALANCES || this == POSITIONS;
        }
    }

    public Topic {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(key);
        if ((kind == Kind.CANDLES) != (interval != null)) {
            throw new IllegalArgumentException("an interval goes with candles, and only with them");
        }
    }

    public static Topic trades(String market) {
        return new Topic(Kind.TRADES, market, null);
    }

    public static Topic depth(String market) {
        return new Topic(Kind.DEPTH, market, null);
    }

    public static Topic depthEverySecond(String market) {
        return new Topic(Kind.DEPTH_EVERY_SECOND, market, null);
    }

    public static Topic ticker(String market) {
        return new Topic(Kind.TICKER, market, null);
    }

    public static Topic candles(String market, CandleInterval interval) {
        return new Topic(Kind.CANDLES, market, interval);
    }

    public static Topic orders(String account) {
        return new Topic(Kind.ORDERS, account, null);
    }

    public static Topic balances(String account) {
        return new Topic(Kind.BALANCES, account, null);
    }

    public static Topic positions(String account) {
        return new Topic(Kind.POSITIONS, account, null);
    }
}
