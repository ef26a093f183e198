package org.exchange.query.binance;

import org.exchange.api.market.CandleInterval;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderSide;
import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.query.stream.StreamEncoder;
import org.exchange.query.stream.Topic;
import org.exchange.query.stream.Updates.CandleUpdate;
import org.exchange.query.stream.Updates.DepthUpdate;
import org.exchange.query.stream.Updates.TickerUpdate;
import org.exchange.query.stream.Updates.TradeUpdate;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance's market stream events ({@code trade}, {@code depthUpdate}, {@code kline},
 * {@code 24hrTicker}) for the updates of the market topics, numbers written as the REST API writes
 * them ({@link Formats}): raw, or wrapped as a combined stream ({@code {"stream":…,"data":…}}).
 */
final class BinanceStreamEncoder implements StreamEncoder {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Binance writes the percentage with 3 decimals (as the REST ticker). */
    private static final int PERCENT_SCALE = 3;

    private final AssetPrecisions precisions;
    private final boolean combined;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    BinanceStreamEncoder(AssetPrecisions precisions, boolean combined, Clock clock) {
        this.precisions = precisions;
        this.combined = combined;
        this.clock = clock;
    }

    boolean combined() {
        return combined;
    }

    @Override
    public String encode(String channel, Topic topic, Object update) {
        MarketId market = MarketId.of(topic.key());
        Formats format = Formats.of(market, precisions);
        Map<String, Object> event = switch (update) {
            case TradeUpdate trade -> trade(market, trade, format);
            case DepthUpdate depth -> depth(market, depth, format);
            case CandleUpdate candle -> kline(market, candle, format);
            case TickerUpdate ticker -> ticker(market, ticker, format);
            default -> null;
        };
        if (event == null) {
            return null;
        }
        if (!combined) {
            return json.writeValueAsString(event);
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("stream", channel);
        wrapped.put("data", event);
        return json.writeValueAsString(wrapped);
    }

    /** Market streams carry no personal topics, so the hub never has an error of its own to tell. */
    @Override
    public String error(String channel, String code, String message) {
        return BinanceStreamHandler.error(null, BinanceStreamHandler.INVALID_REQUEST, message);
    }

    private Map<String, Object> header(String type, MarketId market) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", type);
        event.put("E", clock.millis());
        event.put("s", market.symbol());
        return event;
    }

    private Map<String, Object> trade(MarketId market, TradeUpdate trade, Formats format) {
        Map<String, Object> event = header("trade", market);
        event.put("t", trade.sequence());
        event.put("p", format.price(new BigDecimal(trade.price())));
        event.put("q", format.quantity(new BigDecimal(trade.quantity())));
        event.put("T", millis(trade.executedAt()));
        // m: the buyer's order was resting (the taker sold), as REST's isBuyerMaker
        event.put("m", OrderSide.SELL.name().equals(trade.takerSide()));
        event.put("M", true);
        return event;
    }

    private Map<String, Object> depth(MarketId market, DepthUpdate depth, Formats format) {
        Map<String, Object> event = header("depthUpdate", market);
        event.put("U", depth.firstSequence());
        event.put("u", depth.lastSequence());
        event.put("b", levels(depth.bids(), format));
        event.put("a", levels(depth.asks(), format));
        return event;
    }

    private Map<String, Object> kline(MarketId market, CandleUpdate candle, Formats format) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("t", millis(candle.openTime()));
        k.put("T", millis(candle.closeTime()));
        k.put("s", market.symbol());
        k.put("i", CandleInterval.ofCode(candle.interval()).code());
        k.put("f", candle.firstTrade());
        k.put("L", candle.lastTrade());
        k.put("o", price(candle.open(), format));
        k.put("c", price(candle.close(), format));
        k.put("h", price(candle.high(), format));
        k.put("l", price(candle.low(), format));
        k.put("v", format.quantity(new BigDecimal(candle.volume())));
        k.put("n", candle.trades());
        // pushed as trades change the current candle; a candle is not announced again when it ends
        k.put("x", false);
        k.put("q", format.quote(new BigDecimal(candle.quoteVolume())));
        k.put("V", format.quantity(new BigDecimal(candle.takerBuyVolume())));
        k.put("Q", format.quote(new BigDecimal(candle.takerBuyQuoteVolume())));
        k.put("B", "0");
        Map<String, Object> event = header("kline", market);
        event.put("k", k);
        return event;
    }

    private Map<String, Object> ticker(MarketId market, TickerUpdate ticker, Formats format) {
        BigDecimal open = new BigDecimal(ticker.open());
        BigDecimal change = new BigDecimal(ticker.last()).subtract(open);
        Map<String, Object> event = header("24hrTicker", market);
        event.put("p", format.price(change));
        event.put("P", BinanceDecimals.ratio(change.multiply(HUNDRED), open, PERCENT_SCALE));
        event.put("w", BinanceDecimals.ratio(new BigDecimal(ticker.quoteVolume()), new BigDecimal(ticker.volume()),
                format.quoteScale()));
        event.put("x", price(ticker.prevClose(), format));
        event.put("c", price(ticker.last(), format));
        event.put("Q", quantity(ticker.lastQuantity(), format));
        event.put("b", price(ticker.bidPrice(), format));
        event.put("B", quantity(ticker.bidQuantity(), format));
        event.put("a", price(ticker.askPrice(), format));
        event.put("A", quantity(ticker.askQuantity(), format));
        event.put("o", price(ticker.open(), format));
        event.put("h", price(ticker.high(), format));
        event.put("l", price(ticker.low(), format));
        event.put("v", format.quantity(new BigDecimal(ticker.volume())));
        event.put("q", format.quote(new BigDecimal(ticker.quoteVolume())));
        event.put("O", millis(ticker.openTime()));
        event.put("C", millis(ticker.closeTime()));
        event.put("F", ticker.firstTrade());
        event.put("L", ticker.lastTrade());
        event.put("n", ticker.trades());
        return event;
    }

    private static List<List<String>> levels(List<List<String>> levels, Formats format) {
        return levels.stream()
                .map(level -> List.of(format.price(new BigDecimal(level.get(0))), format.quantity(new BigDecimal(level.get(1)))))
                .toList();
    }

    /** A price, or zero for none, as REST writes an absent price. */
    private static String price(String plain, Formats format) {
        return format.price(plain == null ? null : new BigDecimal(plain));
    }

    private static String quantity(String plain, Formats format) {
        return format.quantity(plain == null ? null : new BigDecimal(plain));
    }

    static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
