package org.exchange.platform.search;

import org.opensearch.client.opensearch._types.mapping.TypeMapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The OpenSearch indices analysts query. Each is read and written through its alias
 * ({@code <prefix><name>}); the concrete index is {@code <alias>-<version>}, so a changed mapping gets a
 * new version, is filled by replaying its projection, and takes the alias over. Account ids in them are
 * {@link Pseudonyms}; decimals follow {@link DecimalUnits}.
 */
public enum AnalyticsIndex {

    /** One document per settled trade, id = trade id. */
    TRADES("trades", "v1", StrictMapping.of()
            .keyword("tradeId", "market", "feeAsset", "takerSide", "buyerAccount", "sellerAccount", "accounts")
            .longs("sequence")
            .decimals("price", "quantity", "quoteQuantity", "buyerFee", "sellerFee", "fees")
            .dates("executedAt")),

    /** One document per order, changed by each of its events, id = order id. */
    ORDERS("orders", "v1", StrictMapping.of()
            .keyword("orderId", "account", "clientOrderId", "market", "side", "type", "timeInForce", "status",
                    "reason", "averagePrice", "feeAsset")
            .decimals("price", "quantity", "quoteQuantity", "stopPrice", "filledQuantity", "filledQuoteQuantity",
                    "fees")
            .booleans("cancelRequested")
            .longs("lastSequence")
            .dates("createdAt", "updatedAt")),

    /** One document per posting of the double-entry ledger, id = event id + ":" + leg. */
    LEDGER("ledger", "v2", StrictMapping.of()
            .keyword("eventId", "account", "asset", "bucket", "kind", "reference")
            .longs("leg", "sequence")
            .decimals("amount", "balanceAfter")
            .dates("occurredAt")),

    /** One-minute candles per market, id = market + ":" + open time in epoch milliseconds. */
    CANDLES("candles", "v1", StrictMapping.of()
            .keyword("market", "interval")
            .dates("openTime", "closeTime")
            .decimals("open", "high", "low", "close", "volume", "quoteVolume")
            .longs("tradeCount", "firstTradeSequence", "lastTradeSequence"));

    private final String indexName;
    private final String version;
    private final StrictMapping mapping;

    AnalyticsIndex(String indexName, String version, StrictMapping mapping) {
        this.indexName = indexName;
        this.version = version;
        this.mapping = mapping;
    }

    /** The name analysts use: {@code trades}, {@code orders}, {@code ledger}, {@code candles}. */
    public String indexName() {
        return indexName;
    }

    public String version() {
        return version;
    }

    TypeMapping mapping() {
        return mapping.build();
    }

    public static Optional<AnalyticsIndex> named(String name) {
        return Arrays.stream(values()).filter(index -> index.indexName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(AnalyticsIndex::indexName).toList();
    }
}
