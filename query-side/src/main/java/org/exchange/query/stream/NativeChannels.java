package org.exchange.query.stream;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CandleInterval;
import org.exchange.api.market.MarketId;

/**
 * The native channel names: {@code trades:<market>}, {@code depth:<market>}, {@code ticker:<market>},
 * {@code candles:<market>:<interval>}, {@code orders}, {@code balances}.
 */
final class NativeChannels {

    private NativeChannels() {
    }

    /**
     * @param account the connection's account, for {@code orders} and {@code balances}
     * @throws ExchangeException UNKNOWN_CHANNEL, UNKNOWN_MARKET or INVALID_INTERVAL
     */
    static Topic topic(String channel, MarketDirectory markets, String account) {
        if (channel == null || channel.isBlank()) {
            throw unknown(channel);
        }
        if (channel.equals("orders")) {
            return Topic.orders(account);
        }
        if (channel.equals("balances")) {
            return Topic.balances(account);
        }
        String[] parts = channel.split(":", -1);
        String kind = parts[0];
        boolean candles = kind.equals("candles");
        if (!(candles ? parts.length == 3 : parts.length == 2)
                || !(candles || kind.equals("trades") || kind.equals("depth") || kind.equals("ticker"))) {
            throw unknown(channel);
        }
        String market = MarketId.of(parts[1]).value();
        if (!markets.exists(market)) {
            throw new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market);
        }
        return switch (kind) {
            case "trades" -> Topic.trades(market);
            case "depth" -> Topic.depth(market);
            case "ticker" -> Topic.ticker(market);
            default -> Topic.candles(market, CandleInterval.ofCode(parts[2]));
        };
    }

    static boolean personal(String channel) {
        return "orders".equals(channel) || "balances".equals(channel);
    }

    private static ExchangeException unknown(String channel) {
        return new ExchangeException(ErrorCode.UNKNOWN_CHANNEL, "no channel " + channel
                + "; channels are trades:<market>, depth:<market>, ticker:<market>, candles:<market>:<interval>, orders, balances");
    }
}
