package org.exchange.loadgen;

import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.Side;
import org.exchange.command.market.engine.bench.OrderFlowGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMarketTest {

    private static final BenchMarket BTC_USDT = BenchMarket.DEMO.get(0);
    private static final BenchMarket ETH_BTC = BenchMarket.DEMO.get(2);
    private static final long FLOW_MID = OrderFlowGenerator.START_MID_TICKS;

    @Test
    void aLimitOrderKeepsItsDistanceInTicksFromTheMarketsMid() {
        assertThat(BTC_USDT.placeJson(Side.BUY, OrderType.LIMIT_GTC, FLOW_MID - 150, 250)).isEqualTo(
                "{\"market\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
                        + "\"price\":\"49998.50\",\"quantity\":\"0.00250\"}");
        assertThat(ETH_BTC.placeJson(Side.SELL, OrderType.LIMIT_IOC, FLOW_MID + 3, 40)).isEqualTo(
                "{\"market\":\"ETH-BTC\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"timeInForce\":\"IOC\","
                        + "\"price\":\"0.05003\",\"quantity\":\"0.040\"}");
    }

    @Test
    void aPriceFarBelowTheMidStaysAtOneTick() {
        assertThat(ETH_BTC.price(FLOW_MID - 20_000)).isEqualTo("0.00001");
    }

    @Test
    void postOnlyFokAndMarketOrdersUseTheirOwnFields() {
        assertThat(BTC_USDT.placeJson(Side.SELL, OrderType.LIMIT_MAKER, FLOW_MID + 1, 100)).isEqualTo(
                "{\"market\":\"BTC-USDT\",\"side\":\"SELL\",\"type\":\"LIMIT_MAKER\",\"price\":\"50000.01\",\"quantity\":\"0.00100\"}");
        assertThat(BTC_USDT.placeJson(Side.BUY, OrderType.LIMIT_FOK, FLOW_MID + 2, 30)).contains("\"timeInForce\":\"FOK\"");
        assertThat(BTC_USDT.placeJson(Side.SELL, OrderType.MARKET, 0, 30)).isEqualTo(
                "{\"market\":\"BTC-USDT\",\"side\":\"SELL\",\"type\":\"MARKET\",\"quantity\":\"0.00030\"}");
    }

    @Test
    void aMarketBuySpendsItsQuantityAtTheStartingMidInQuote() {
        // 0.00030 BTC at 50,000.00 = 15.00 USDT, at the tick's scale
        assertThat(BTC_USDT.placeJson(Side.BUY, OrderType.MARKET, 0, 30)).isEqualTo(
                "{\"market\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quoteQuantity\":\"15.00\"}");
    }

    @Test
    void quantitiesAreCappedAtTheMarketsMaximum() {
        BenchMarket small = new BenchMarket("BTC-USDT", BTC_USDT.tick(), BTC_USDT.step(), new java.math.BigDecimal("0.5"), BTC_USDT.mid());
        assertThat(small.quantity(100_000)).isEqualTo("0.5");
    }
}
