package org.exchange.command;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** The BTC-USDT market the command side's API tests trade on, opened the way an admin opens it. */
public final class TestMarkets {

    /** BTC-USDT's rules as {@code POST /api/v1/admin/markets} takes them. */
    public static final String BTC_USDT = """
            {"base":"BTC","quote":"USDT","tickSize":"0.01","stepSize":"0.00001","minQuantity":"0.00001",
             "maxQuantity":"1000","minNotional":"5","makerFeeRate":"0.001","takerFeeRate":"0.002"}""";

    private TestMarkets() {
    }

    /** Opens BTC-USDT, or finds it open with the same rules (an earlier test of the class opened it). */
    public static void openBtcUsdt(ApiClient api, String adminToken) {
        Response market = api.post("/api/v1/admin/markets", adminToken, BTC_USDT);
        assertThat(market.status()).as(market.body()).isIn(201, 409);
    }
}
