package org.exchange.api.market;

import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketSpecTest {

    /** BTC-USDT as the demo lists it; each test breaks one field. */
    static MarketSpec btcUsdt(String field, String value) {
        String[] v = {"0.01", "0.00001", "0.00001", "1000", "5", "0.001", "0.002"};
        String[] names = {"tickSize", "stepSize", "minQuantity", "maxQuantity", "minNotional", "makerFeeRate", "takerFeeRate"};
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(field)) {
                v[i] = value;
            }
        }
        return new MarketSpec(Asset.of("BTC"), Asset.of("USDT"), new BigDecimal(v[0]), new BigDecimal(v[1]),
                new BigDecimal(v[2]), new BigDecimal(v[3]), new BigDecimal(v[4]), new BigDecimal(v[5]), new BigDecimal(v[6]));
    }

    @Test
    void aCoherentSpecIsAccepted() {
        assertThat(btcUsdt("", "").validated(8, 8).tickSize()).isEqualByComparingTo("0.01");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "tickSize,0", "tickSize,-0.01", "tickSize,0.000000001",
            "stepSize,0", "stepSize,0.000000001",
            "minQuantity,0", "minQuantity,0.000015", "maxQuantity,1000.000005", "minQuantity,2000",
            "minNotional,-1", "minNotional,0.000000001",
            "makerFeeRate,-0.001", "takerFeeRate,0.06"})
    void anIncoherentSpecIsRefusedNamingTheField(String field, String value) {
        assertThatThrownBy(() -> btcUsdt(field, value).validated(8, 8))
                .isInstanceOfSatisfying(ExchangeException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MARKET_SPEC);
                    assertThat(refusal.getMessage()).contains(field);
                });
    }

    @Test
    void everyTradeValueMustBeExactInTheQuoteAsset() {
        // tick 0.0001 × step 0.00001 has 9 decimals: an 8-decimal USDT amount could not hold price × quantity
        assertThatThrownBy(() -> btcUsdt("tickSize", "0.0001").validated(8, 8))
                .hasMessageContaining("tickSize × stepSize");
        assertThat(btcUsdt("tickSize", "0.0001").validated(8, 9).tickSize()).isEqualByComparingTo("0.0001");
    }

    @Test
    void aMarketOfAnAssetAgainstItselfIsRefused() {
        MarketSpec same = new MarketSpec(Asset.of("BTC"), Asset.of("BTC"), BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        assertThatThrownBy(() -> same.validated(8, 8)).hasMessageContaining("differ");
    }

    @Test
    void marketIdsKnowTheirAssetsAndBinanceSymbol() {
        MarketId market = MarketId.of("ETH-USDT");

        assertThat(market.base()).isEqualTo(Asset.of("ETH"));
        assertThat(market.quote()).isEqualTo(Asset.of("USDT"));
        assertThat(market.symbol()).isEqualTo("ETHUSDT");
        assertThatThrownBy(() -> MarketId.of("ETHUSDT")).isInstanceOf(ExchangeException.class);
    }
}
