package org.exchange.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CandleInterval;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.DecimalUnits;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Volume, fees and the most active accounts, as OpenSearch aggregations over the trades index. Every
 * sum adds the integer unit fields ({@link DecimalUnits}) and is scaled back here, so the decimals are
 * exact; a sum too large for OpenSearch to add exactly is refused rather than rounded.
 */
@Component
class TradeAnalytics {

    /** The average price carries this many decimals more than the market's tick, as an order's does. */
    static final int VWAP_EXTRA_DECIMALS = 8;

    private final AnalyticsSearchClient search;

    TradeAnalytics(AnalyticsSearchClient search) {
        this.search = search;
    }

    record Period(Instant from, Instant to) {
    }

    record VolumeBucket(String openTime, String closeTime, String baseVolume, String quoteVolume, long tradeCount,
                        String vwap) {
    }

    record FeeRevenue(String market, String asset, String amount, long tradeCount) {
    }

    record ActiveAccount(String account, String quoteVolume, String baseVolume, long tradeCount) {
    }

    /** Buckets with at least one trade, oldest first, opening where {@link CandleInterval#openTime} says. */
    List<VolumeBucket> volume(String market, CandleInterval interval, Period period, int priceScale) {
        ObjectNode histogram = AnalyticsSearchClient.JSON.createObjectNode()
                .put("field", "executedAt").put("min_doc_count", 1).put("time_zone", "UTC");
        switch (interval) {
            // calendar units: weeks open on Monday, months on the 1st (UTC), as CandleInterval does
            case ONE_WEEK -> histogram.put("calendar_interval", "1w");
            case ONE_MONTH -> histogram.put("calendar_interval", "1M");
            default -> histogram.put("fixed_interval",
                    interval.nextOpenTime(Instant.EPOCH).toEpochMilli() + "ms");
        }
        ObjectNode body = body(filter(market, period));
        ObjectNode buckets = body.putObject("aggs").putObject("buckets");
        buckets.set("date_histogram", histogram);
        sums(buckets.putObject("aggs"));

        List<VolumeBucket> volume = new ArrayList<>();
        for (JsonNode bucket : search.search(AnalyticsIndex.TRADES, body).path("aggregations").path("buckets").path("buckets")) {
            Instant open = Instant.ofEpochMilli(bucket.path("key").asLong());
            BigDecimal base = sum(bucket, "base");
            BigDecimal quote = sum(bucket, "quote");
            volume.add(new VolumeBucket(open.toString(), interval.closeTime(open).toString(), base.toPlainString(),
                    quote.toPlainString(), bucket.path("doc_count").asLong(),
                    quote.divide(base, priceScale + VWAP_EXTRA_DECIMALS, RoundingMode.HALF_EVEN).toPlainString()));
        }
        return volume;
    }

    /** Fee revenue per market and fee asset, markets and assets in name order. */
    List<FeeRevenue> fees(String market, Period period) {
        ObjectNode body = body(filter(market, period));
        ObjectNode markets = body.putObject("aggs").putObject("markets");
        markets.putObject("terms").put("field", "market").put("size", 1000).putObject("order").put("_key", "asc");
        ObjectNode assets = markets.putObject("aggs").putObject("assets");
        assets.putObject("terms").put("field", "feeAsset").put("size", 100).putObject("order").put("_key", "asc");
        assets.putObject("aggs").putObject("fees").putObject("sum").put("field", "feesUnits");

        List<FeeRevenue> revenue = new ArrayList<>();
        JsonNode answer = search.search(AnalyticsIndex.TRADES, body);
        for (JsonNode marketBucket : answer.path("aggregations").path("markets").path("buckets")) {
            for (JsonNode assetBucket : marketBucket.path("assets").path("buckets")) {
                revenue.add(new FeeRevenue(marketBucket.path("key").asText(), assetBucket.path("key").asText(),
                        sum(assetBucket, "fees").toPlainString(), assetBucket.path("doc_count").asLong()));
            }
        }
        return revenue;
    }

    /**
     * The accounts with the largest traded quote volume in the market (as buyer or seller), largest first,
     * by pseudonym. The index has one shard, so the ranking is exact, not a shard-merged estimate.
     */
    List<ActiveAccount> topAccounts(String market, Period period, int limit) {
        ObjectNode body = body(filter(market, period));
        ObjectNode accounts = body.putObject("aggs").putObject("accounts");
        ObjectNode terms = accounts.putObject("terms").put("field", "accounts").put("size", limit);
        ArrayNode order = terms.putArray("order");
        order.addObject().put("quote", "desc");
        order.addObject().put("_key", "asc");
        sums(accounts.putObject("aggs"));

        List<ActiveAccount> active = new ArrayList<>();
        for (JsonNode bucket : search.search(AnalyticsIndex.TRADES, body).path("aggregations").path("accounts").path("buckets")) {
            active.add(new ActiveAccount(bucket.path("key").asText(), sum(bucket, "quote").toPlainString(),
                    sum(bucket, "base").toPlainString(), bucket.path("doc_count").asLong()));
        }
        return active;
    }

    private static ObjectNode body(ArrayNode filter) {
        ObjectNode body = AnalyticsSearchClient.JSON.createObjectNode().put("size", 0);
        body.putObject("query").putObject("bool").set("filter", filter);
        return body;
    }

    /** The trades of {@code market} (all markets when null) executed in {@code [from, to)}. */
    private static ArrayNode filter(String market, Period period) {
        ArrayNode filter = AnalyticsSearchClient.JSON.createArrayNode();
        if (market != null) {
            filter.addObject().putObject("term").put("market", market);
        }
        if (period.from() != null || period.to() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("executedAt");
            if (period.from() != null) {
                range.put("gte", period.from().toString());
            }
            if (period.to() != null) {
                range.put("lt", period.to().toString());
            }
        }
        return filter;
    }

    private static void sums(ObjectNode aggs) {
        aggs.putObject("base").putObject("sum").put("field", "quantityUnits");
        aggs.putObject("quote").putObject("sum").put("field", "quoteQuantityUnits");
    }

    private static BigDecimal sum(JsonNode bucket, String name) {
        try {
            return DecimalUnits.toDecimal(DecimalUnits.ofSum(bucket.path(name).path("value").asDouble()));
        } catch (DecimalUnits.SumTooLargeException tooLarge) {
            throw new ExchangeException(ErrorCode.LIMIT_TOO_LARGE,
                    "a sum is too large to add exactly: ask for a shorter period or interval");
        }
    }
}
