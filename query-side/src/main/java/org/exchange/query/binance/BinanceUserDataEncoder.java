package org.exchange.query.binance;

import org.exchange.api.market.MarketId;
import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.platform.binance.BinanceOrders;
import org.exchange.query.stream.StreamEncoder;
import org.exchange.query.stream.Topic;
import org.exchange.query.stream.Updates.BalanceUpdate;
import org.exchange.query.stream.Updates.Fill;
import org.exchange.query.stream.Updates.OrderUpdate;
import org.exchange.query.stream.Updates.Position;
import org.exchange.query.stream.Updates.PositionUpdate;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user data stream's events as Binance's WebSocket API sends them,
 * {@code {"subscriptionId":0,"event":{…}}}: {@code executionReport} for the account's orders,
 * {@code outboundAccountPosition} for its balances after each change, {@code balanceUpdate} for
 * deposits. The channel name is {@code <subscriptionId>:<topic kind>}.
 * <p>
 * An order reports {@code NEW} when it is accepted (funds held; our {@code PENDING_NEW} is not
 * reported), {@code TRADE} per fill ({@code X} = {@code FILLED} on the fill that completes its
 * quantity), {@code CANCELED}, {@code EXPIRED} or {@code REJECTED} when it ends so. An order without
 * a base quantity (a market buy by quote amount) cannot tell from a fill that it is complete: its end
 * is reported with {@code x} = {@code X} = {@code FILLED} (docs/api-guide.md).
 */
final class BinanceUserDataEncoder implements StreamEncoder {

    private final AssetPrecisions precisions;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    BinanceUserDataEncoder(AssetPrecisions precisions, Clock clock) {
        this.precisions = precisions;
        this.clock = clock;
    }

    static String channel(long subscriptionId, Topic.Kind kind) {
        return subscriptionId + ":" + kind.name();
    }

    static long subscriptionId(String channel) {
        return Long.parseLong(channel.substring(0, channel.indexOf(':')));
    }

    @Override
    public String encode(String channel, Topic topic, Object update) {
        Map<String, Object> event = switch (update) {
            case OrderUpdate order -> executionReport(order);
            case PositionUpdate positions -> accountPosition(positions);
            case BalanceUpdate balance -> "DEPOSIT".equals(balance.reason()) ? balanceUpdate(balance) : null;
            default -> null;
        };
        return event == null ? null : wrapped(subscriptionId(channel), event);
    }

    /** Not reached: a subscription's topics are removed before its key stops counting as valid. */
    @Override
    public String error(String channel, String code, String message) {
        return terminated(channel == null ? 0 : subscriptionId(channel));
    }

    /** Binance's notice that a subscription ended without being asked to (its key was revoked). */
    String terminated(long subscriptionId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", "eventStreamTerminated");
        event.put("E", clock.millis());
        return wrapped(subscriptionId, event);
    }

    private String wrapped(long subscriptionId, Map<String, Object> event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("subscriptionId", subscriptionId);
        message.put("event", event);
        return json.writeValueAsString(message);
    }

    private Map<String, Object> executionReport(OrderUpdate order) {
        String status = BinanceOrders.status(order.status());
        boolean complete = order.quantity() != null && order.filledQuantity() != null
                && new BigDecimal(order.filledQuantity()).compareTo(new BigDecimal(order.quantity())) == 0;
        String execution;
        switch (order.event()) {
            case "ACCEPTED" -> execution = "NEW";
            case "REJECTED" -> execution = "REJECTED";
            case "FILL" -> {
                execution = "TRADE";
                status = complete ? "FILLED" : status;
            }
            case "CLOSED" -> {
                if (status.equals("FILLED") && complete) {
                    // told with the fill that completed it
                    return null;
                }
                execution = status;
            }
            default -> {
                // PLACED (PENDING_NEW), CANCEL_REQUESTED, BOOK_OUTCOME: nothing a Binance client is told
                return null;
            }
        }
        MarketId market = MarketId.of(order.market());
        Formats format = Formats.of(market, precisions);
        Fill fill = order.fill();
        long transactTime = BinanceStreamEncoder.millis(order.timestamp());
        long created = BinanceStreamEncoder.millis(order.placedAt());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", "executionReport");
        event.put("E", clock.millis());
        event.put("s", market.symbol());
        event.put("c", order.clientOrderId());
        event.put("S", order.side());
        event.put("o", BinanceOrders.type(order.type()));
        event.put("f", order.timeInForce() == null ? "GTC" : order.timeInForce());
        event.put("q", format.quantity(decimal(order.quantity())));
        event.put("p", format.price(decimal(order.price())));
        event.put("P", format.price(decimal(order.stopPrice())));
        event.put("F", format.quantity(BigDecimal.ZERO));
        event.put("g", -1);
        event.put("C", execution.equals("CANCELED") ? order.clientOrderId() : "");
        event.put("x", execution);
        event.put("X", status);
        event.put("r", order.event().equals("REJECTED") && order.reason() != null ? order.reason() : "NONE");
        event.put("i", order.orderId());
        event.put("l", format.quantity(fill == null ? null : decimal(fill.quantity())));
        event.put("z", format.quantity(decimal(order.filledQuantity())));
        event.put("L", format.price(fill == null ? null : decimal(fill.price())));
        event.put("n", fill == null ? "0" : BinanceDecimals.of(decimal(fill.fee()), precisions.of(fill.feeAsset())));
        event.put("N", fill == null ? null : fill.feeAsset());
        event.put("T", transactTime);
        event.put("t", fill == null ? -1 : fill.tradeId());
        event.put("w", status.equals("NEW") || status.equals("PARTIALLY_FILLED"));
        event.put("m", fill != null && "MAKER".equals(fill.liquidity()));
        event.put("M", false);
        event.put("O", created);
        event.put("Z", format.quote(decimal(order.filledQuoteQuantity())));
        event.put("Y", format.quote(fill == null ? null : decimal(fill.quoteQuantity())));
        event.put("Q", format.quote(decimal(order.quoteQuantity())));
        event.put("W", created);
        return event;
    }

    private Map<String, Object> accountPosition(PositionUpdate update) {
        List<Map<String, Object>> balances = new ArrayList<>();
        for (Position position : update.positions()) {
            int scale = precisions.of(position.asset());
            Map<String, Object> balance = new LinkedHashMap<>();
            balance.put("a", position.asset());
            balance.put("f", BinanceDecimals.of(new BigDecimal(position.available()), scale));
            balance.put("l", BinanceDecimals.of(new BigDecimal(position.held()), scale));
            balances.add(balance);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", "outboundAccountPosition");
        event.put("E", clock.millis());
        event.put("u", BinanceStreamEncoder.millis(update.timestamp()));
        event.put("B", balances);
        return event;
    }

    private Map<String, Object> balanceUpdate(BalanceUpdate balance) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", "balanceUpdate");
        event.put("E", clock.millis());
        event.put("a", balance.asset());
        event.put("d", BinanceDecimals.of(new BigDecimal(balance.change()), precisions.of(balance.asset())));
        event.put("T", BinanceStreamEncoder.millis(balance.timestamp()));
        return event;
    }

    private static BigDecimal decimal(String plain) {
        return plain == null ? null : new BigDecimal(plain);
    }
}
