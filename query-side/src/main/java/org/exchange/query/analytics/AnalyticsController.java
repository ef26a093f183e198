package org.exchange.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.exchange.query.market.Markets;
import org.exchange.query.page.QueryParameters;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CandleInterval;
import org.exchange.query.analytics.TradeAnalytics.ActiveAccount;
import org.exchange.query.analytics.TradeAnalytics.FeeRevenue;
import org.exchange.query.analytics.TradeAnalytics.Period;
import org.exchange.query.analytics.TradeAnalytics.VolumeBucket;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Market analytics for analysts, from the OpenSearch indices the projections fill. Accounts appear only
 * as pseudonyms; decimals are strings with exact sums.
 */
@RestController
@PreAuthorize("hasRole('analyst')")
class AnalyticsController {

    private static final int DEFAULT_TOP_ACCOUNTS = 10;
    private static final int MAX_TOP_ACCOUNTS = 100;

    private final TradeAnalytics trades;
    private final AnalystSearch search;
    private final Markets markets;

    AnalyticsController(TradeAnalytics trades, AnalystSearch search, Markets markets) {
        this.trades = trades;
        this.search = search;
        this.markets = markets;
    }

    record VolumeView(String market, String interval, List<VolumeBucket> buckets) {
    }

    record FeesView(List<FeeRevenue> fees) {
    }

    record TopAccountsView(String market, List<ActiveAccount> accounts) {
    }

    /**
     * @param interval a {@link CandleInterval} code ({@code 1m}, {@code 1h}, {@code 1d}, …)
     * @param from     ISO instant, inclusive; all history when absent
     * @param to       ISO instant, exclusive; up to now when absent
     */
    @GetMapping("/api/v1/analytics/volume")
    VolumeView volume(@RequestParam(required = false) String market, @RequestParam(required = false) String interval,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        int priceScale = markets.priceScale(required("market", market));
        CandleInterval candles = CandleInterval.ofCode(required("interval", interval));
        return new VolumeView(market, candles.code(), trades.volume(market, candles, period(from, to), priceScale));
    }

    /** @param market one market; all markets when absent */
    @GetMapping("/api/v1/analytics/fees")
    FeesView fees(@RequestParam(required = false) String market, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to) {
        if (market != null) {
            markets.priceScale(market);
        }
        return new FeesView(trades.fees(market, period(from, to)));
    }

    /** @param limit 1..100, default 10 */
    @GetMapping("/api/v1/analytics/top-accounts")
    TopAccountsView topAccounts(@RequestParam(required = false) String market,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        markets.priceScale(required("market", market));
        int size = QueryParameters.limit(limit, DEFAULT_TOP_ACCOUNTS, MAX_TOP_ACCOUNTS);
        return new TopAccountsView(market, trades.topAccounts(market, period(from, to), size));
    }

    /** OpenSearch's JSON as it answered (hits, aggregations), for one of the analytics indices. */
    @PostMapping(path = "/api/v1/analytics/search", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> search(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType type,
                                  @RequestBody(required = false) byte[] body) throws JsonProcessingException {
        // bytes, not a String: Spring would decode invalid UTF-8 to U+FFFD; the search refuses it instead,
        // and reads nothing but UTF-8 (RFC 8259)
        if (type != null && type.getParameter("charset") != null && !isUtf8(type.getParameter("charset"))) {
            throw new ExchangeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the search body must be JSON in UTF-8");
        }
        // Jackson 2's tree (OpenSearch's side) is not Boot 4's Jackson 3: answer the text
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(AnalyticsSearchClient.JSON.writeValueAsString(search.run(body)));
    }

    private static boolean isUtf8(String charset) {
        try {
            return java.nio.charset.Charset.forName(charset.replace("\"", "")).equals(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, name + " is required");
        }
        return value;
    }

    private static Period period(String from, String to) {
        Period period = new Period(QueryParameters.instant("from", from), QueryParameters.instant("to", to));
        QueryParameters.ordered(period.from(), period.to());
        return period;
    }
}
