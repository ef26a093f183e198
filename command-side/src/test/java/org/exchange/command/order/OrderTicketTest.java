package org.exchange.command.order;

import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTicketTest {

    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final MarketSpec SPEC = new MarketSpec(Asset.of("BTC"), Asset.of("USDT"), new BigDecimal("0.01"),
            new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("1000"), new BigDecimal("5"),
            new BigDecimal("0.001"), new BigDecimal("0.002"));

    private static OrderRequest request(String side, String type, String tif, String price, String quantity,
                                        String quoteQuantity, String stopPrice) {
        return new OrderRequest("BTC-USDT", side, type, tif, price, quantity, quoteQuantity, stopPrice, "c-1", null);
    }

    private static OrderTerms terms(OrderRequest request) {
        return OrderTicket.terms(request, BTC_USDT, SPEC, 8);
    }

    private static void refused(OrderRequest request, ErrorCode code) {
        assertThatThrownBy(() -> terms(request))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aLimitBuyHoldsPriceTimesQuantityPlusTheHigherFeeRoundedUp() {
        OrderTerms terms = terms(request("BUY", "LIMIT", null, "50000.01", "0.01001", null, null));

        assertThat(terms.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(terms.selfTradeMode()).isEqualTo(SelfTradeMode.EXPIRE_TAKER);
        // 50000.01 × 0.01001 = 500.5001001; × 1.002 = 501.5011003002 → up to 8 decimals
        assertThat(OrderTicket.hold(terms, SPEC, 8, 8)).isEqualByComparingTo("501.50110031");
        assertThat(OrderTicket.holdAsset(terms, SPEC)).isEqualTo(Asset.of("USDT"));
    }

    @Test
    void aSellHoldsItsBaseQuantity() {
        OrderTerms terms = terms(request("SELL", "LIMIT_MAKER", null, "50000", "0.5", null, null));

        assertThat(OrderTicket.hold(terms, SPEC, 8, 8)).isEqualTo(new BigDecimal("0.50000000"));
        assertThat(OrderTicket.holdAsset(terms, SPEC)).isEqualTo(Asset.of("BTC"));
    }

    @Test
    void aMarketBuyByQuoteHoldsTheAmountPlusTheTakerFee() {
        OrderTerms terms = terms(request("BUY", "MARKET", null, null, null, "1000", null));

        assertThat(OrderTicket.hold(terms, SPEC, 8, 8)).isEqualByComparingTo("1002");
    }

    @Test
    void aMarketBuyByQuantityHoldsAllAvailableQuote() {
        OrderTerms terms = terms(request("BUY", "MARKET", null, null, "0.1", null, null));

        assertThat(OrderTicket.hold(terms, SPEC, 8, 8)).isNull();
    }

    @Test
    void fieldCombinationsThatMakeNoSenseAreInvalidOrders() {
        refused(request("BUY", "MARKET", null, "50000", "0.1", null, null), ErrorCode.INVALID_ORDER);
        refused(request("BUY", "MARKET", "GTC", null, "0.1", null, null), ErrorCode.INVALID_ORDER);
        refused(request("BUY", "MARKET", null, null, "0.1", "100", null), ErrorCode.INVALID_ORDER);
        refused(request("SELL", "MARKET", null, null, null, "100", null), ErrorCode.INVALID_ORDER);
        refused(request("BUY", "LIMIT", null, "50000", null, null, null), ErrorCode.INVALID_ORDER);
        refused(request("BUY", "LIMIT", null, "50000", "0.1", null, "49000"), ErrorCode.INVALID_ORDER);
        refused(request("BUY", "STOP_LIMIT", null, "50000", "0.1", null, null), ErrorCode.INVALID_ORDER);
        refused(request("BUY", "STOP_MARKET", null, null, "0.1", null, "51000"), ErrorCode.INVALID_ORDER);
    }

    @Test
    void theMarketsFiltersApply() {
        refused(request("BUY", "LIMIT", null, "50000.001", "0.1", null, null), ErrorCode.PRICE_TICK);
        refused(request("BUY", "LIMIT", null, "50000", "0.000001", null, null), ErrorCode.LOT_SIZE);
        refused(request("BUY", "LIMIT", null, "50000", "1001", null, null), ErrorCode.MAX_QUANTITY);
        refused(request("BUY", "LIMIT", null, "100", "0.001", null, null), ErrorCode.MIN_NOTIONAL);
        refused(request("BUY", "STOP_LIMIT", null, "50000", "0.1", null, "49000.005"), ErrorCode.PRICE_TICK);
        refused(request("BUY", "LIMIT", null, "1e3", "0.1", null, null), ErrorCode.MALFORMED_AMOUNT);
    }

    @Test
    void unknownEnumValuesAndMissingFieldsAreValidationFailures() {
        refused(request("buy", "LIMIT", null, "50000", "0.1", null, null), ErrorCode.VALIDATION_FAILED);
        refused(request("BUY", "ICEBERG", null, "50000", "0.1", null, null), ErrorCode.VALIDATION_FAILED);
        refused(request(null, "LIMIT", null, "50000", "0.1", null, null), ErrorCode.VALIDATION_FAILED);
        refused(request("BUY", "LIMIT", "GTD", "50000", "0.1", null, null), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void clientOrderIdsAreBoundedLikeBinances() {
        OrderRequest tooLong = new OrderRequest("BTC-USDT", "BUY", "LIMIT", null, "50000", "0.1", null, null,
                "x".repeat(37), null);

        assertThatThrownBy(() -> OrderTicket.clientOrderId(tooLong)).isInstanceOf(ExchangeException.class);
        assertThat(OrderTicket.clientOrderId(request("BUY", "LIMIT", null, "1", "1", null, null))).isEqualTo("c-1");
    }

    @Test
    void aStopLimitKeepsItsStopPriceAndTimeInForce() {
        OrderTerms terms = terms(request("SELL", "STOP_LIMIT", "IOC", "49000", "0.1", null, "49500"));

        assertThat(terms.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(terms.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(terms.stopPrice()).isEqualByComparingTo("49500");
    }
}
