package org.exchange.api.market;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderFiltersTest {

    /** tick 0.01, step 0.00001, quantity 0.00001..1000, min notional 5. */
    private static final MarketSpec BTC_USDT = MarketSpecTest.btcUsdt("", "");

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"50000.00,0.01000", "0.01,500", "50000,0.0001", "99999999.99,1000"})
    void aLimitOrderOnTheGridsWithEnoughValuePasses(String price, String quantity) {
        assertThatCode(() -> OrderFilters.limitOrder(BTC_USDT, new BigDecimal(price), new BigDecimal(quantity)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @CsvSource({
            "0,1,INVALID_PRICE", "-1,1,INVALID_PRICE",
            "50000.001,0.01,PRICE_TICK",
            "50000,0.000015,LOT_SIZE", "50000,0.000001,LOT_SIZE", "50000,0,LOT_SIZE",
            "50000,1000.00001,MAX_QUANTITY",
            "100,0.04999,MIN_NOTIONAL", "0.01,1,MIN_NOTIONAL",
            "99999999999999999999.99,1,INVALID_PRICE"})
    void aLimitOrderBreakingAFilterIsRefusedWithItsCode(String price, String quantity, ErrorCode code) {
        assertThatThrownBy(() -> OrderFilters.limitOrder(BTC_USDT, new BigDecimal(price), new BigDecimal(quantity)))
                .isInstanceOfSatisfying(ExchangeException.class, refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    @Test
    void marketOrdersAreCheckedOnTheirQuantityOrTheirQuoteAmount() {
        assertThatCode(() -> OrderFilters.marketOrderByQuantity(BTC_USDT, new BigDecimal("0.5"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> OrderFilters.marketOrderByQuantity(BTC_USDT, new BigDecimal("2000")))
                .isInstanceOfSatisfying(ExchangeException.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.MAX_QUANTITY));
        assertThatCode(() -> OrderFilters.marketOrderByQuote(BTC_USDT, new BigDecimal("5.00"), 8)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OrderFilters.marketOrderByQuote(BTC_USDT, new BigDecimal("4.99"), 8))
                .isInstanceOfSatisfying(ExchangeException.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.MIN_NOTIONAL));
        assertThatThrownBy(() -> OrderFilters.marketOrderByQuote(BTC_USDT, new BigDecimal("5.000000001"), 8))
                .isInstanceOfSatisfying(ExchangeException.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_AMOUNT));
    }

    @Test
    void decimalsConvertToTicksAndLotsAndBackExactly() {
        assertThat(OrderFilters.ticks(BTC_USDT, new BigDecimal("50000.23"))).isEqualTo(5_000_023L);
        assertThat(OrderFilters.lots(BTC_USDT, new BigDecimal("0.00500"))).isEqualTo(500L);
        assertThat(OrderFilters.price(BTC_USDT, 5_000_023L)).isEqualByComparingTo("50000.23");
        assertThat(OrderFilters.quantity(BTC_USDT, 500L)).isEqualByComparingTo("0.005");
        assertThatThrownBy(() -> OrderFilters.ticks(BTC_USDT, new BigDecimal("50000.235")))
                .isInstanceOfSatisfying(ExchangeException.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.PRICE_TICK));
    }
}
