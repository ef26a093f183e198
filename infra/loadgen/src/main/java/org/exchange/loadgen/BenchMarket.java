package org.exchange.loadgen;

import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.Side;
import org.exchange.command.market.engine.bench.OrderFlowGenerator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A market the benchmark trades in, and how the standard flow's ticks and lots become its prices and
 * quantities: the flow's fair price starts at {@link OrderFlowGenerator#START_MID_TICKS}; here it
 * starts at {@code mid}, and every price keeps its distance in ticks from it (at least one tick).
 * Quantities are lots × step, at most the market's maximum.
 */
record BenchMarket(String id, BigDecimal tick, BigDecimal step, BigDecimal maxQuantity, BigDecimal mid) {

    /** The three markets {@code ./exchange up} opens (infra/scripts/demo.sh), near realistic prices. */
    static final List<BenchMarket> DEMO = List.of(
            new BenchMarket("BTC-USDT", new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("1000"),
                    new BigDecimal("50000.00")),
            new BenchMarket("ETH-USDT", new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("10000"),
                    new BigDecimal("2500.00")),
            new BenchMarket("ETH-BTC", new BigDecimal("0.00001"), new BigDecimal("0.001"), new BigDecimal("10000"),
                    new BigDecimal("0.05000")));

    String base() {
        return id.substring(0, id.indexOf('-'));
    }

    String quote() {
        return id.substring(id.indexOf('-') + 1);
    }

    String price(long flowTicks) {
        long midTicks = mid.divide(tick, 0, RoundingMode.UNNECESSARY).longValueExact();
        long ticks = Math.max(1, flowTicks - OrderFlowGenerator.START_MID_TICKS + midTicks);
        return tick.multiply(BigDecimal.valueOf(ticks)).toPlainString();
    }

    String quantity(long lots) {
        return step.multiply(BigDecimal.valueOf(lots)).min(maxQuantity).toPlainString();
    }

    /**
     * The place request of one flow command. A market buy spends a quote amount (its lots at the
     * starting fair price): a market buy by quantity would hold all the trader's available quote until
     * it settles, and refuse the trader's next orders meanwhile.
     */
    String placeJson(Side side, OrderType type, long priceTicks, long lots) {
        String head = "{\"market\":\"" + id + "\",\"side\":\"" + side.name() + "\",";
        return switch (type) {
            case LIMIT_GTC, LIMIT_IOC, LIMIT_FOK -> head + "\"type\":\"LIMIT\",\"timeInForce\":\""
                    + type.name().substring("LIMIT_".length()) + "\",\"price\":\"" + price(priceTicks)
                    + "\",\"quantity\":\"" + quantity(lots) + "\"}";
            case LIMIT_MAKER -> head + "\"type\":\"LIMIT_MAKER\",\"price\":\"" + price(priceTicks)
                    + "\",\"quantity\":\"" + quantity(lots) + "\"}";
            case MARKET -> side == Side.BUY
                    ? head + "\"type\":\"MARKET\",\"quoteQuantity\":\"" + new BigDecimal(quantity(lots)).multiply(mid)
                    .setScale(tick.scale(), RoundingMode.DOWN).toPlainString() + "\"}"
                    : head + "\"type\":\"MARKET\",\"quantity\":\"" + quantity(lots) + "\"}";
            case MARKET_BY_QUOTE -> throw new IllegalArgumentException("the standard flow sends no " + type);
        };
    }
}
