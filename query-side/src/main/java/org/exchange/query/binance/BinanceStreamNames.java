package org.exchange.query.binance;

import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CandleInterval;
import org.exchange.query.stream.MarketDirectory;
import org.exchange.query.stream.Topic;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance's market stream names and the topics they carry: {@code <symbol>@trade},
 * {@code <symbol>@depth} (and {@code @depth@1000ms}: one diff a second), {@code <symbol>@depth@100ms}
 * (every {@code exchange.streams.depth-batch}), {@code <symbol>@kline_<interval>},
 * {@code <symbol>@ticker}. Symbols are lower case, as Binance writes them in stream names.
 */
final class BinanceStreamNames {

    static final String SUPPORTED = "<symbol>@trade, <symbol>@depth, <symbol>@depth@100ms, <symbol>@depth@1000ms, "
            + "<symbol>@kline_<interval>, <symbol>@ticker";
    private static final Pattern NAME = Pattern.compile("([a-z0-9]{1,20})@(trade|depth|depth@100ms|depth@1000ms|ticker|kline_(\\w{2,3}))");

    private BinanceStreamNames() {
    }

    /** A stream name that cannot be subscribed to, and why. */
    static final class Unknown extends RuntimeException {
        Unknown(String message) {
            super(message);
        }
    }

    /** @throws Unknown for a name that is not one of {@link #SUPPORTED} or names no market */
    static Topic topic(String name, MarketDirectory markets) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new Unknown("unknown stream '" + name + "'; streams are " + SUPPORTED
                    + " with the symbol in lower case");
        }
        String symbol = matcher.group(1).toUpperCase(Locale.ROOT);
        String market = markets.bySymbol(symbol)
                .orElseThrow(() -> new Unknown("unknown symbol '" + matcher.group(1) + "' in stream '" + name + "'"));
        return switch (matcher.group(2)) {
            case "trade" -> Topic.trades(market);
            case "depth", "depth@1000ms" -> Topic.depthEverySecond(market);
            case "depth@100ms" -> Topic.depth(market);
            case "ticker" -> Topic.ticker(market);
            default -> {
                try {
                    yield Topic.candles(market, CandleInterval.ofCode(matcher.group(3)));
                } catch (ExchangeException invalid) {
                    throw new Unknown("unknown kline interval '" + matcher.group(3) + "' in stream '" + name
                            + "'; intervals are " + String.join(", ", CandleInterval.codes()));
                }
            }
        };
    }
}
