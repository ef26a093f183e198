package org.exchange.query.order;

/**
 * An order as its owner sees it. Decimals are plain strings; fields that do not apply to the order
 * (a market order's price, an unfilled order's average price, …) are {@code null}, never left out.
 *
 * @param cancelRequested the owner asked to cancel and the order is not final yet (or became final otherwise)
 * @param averagePrice    {@code filledQuoteQuantity / filledQuantity}, given once the order is closed
 * @param feeAsset        the asset {@code fees} are in; {@code null} until the first fill
 * @param createdAt       when the order was placed (ISO-8601, UTC)
 * @param updatedAt       when the order last changed
 */
public record OrderView(String orderId, String clientOrderId, String market, String side, String type,
                 String timeInForce, String price, String quantity, String quoteQuantity, String stopPrice,
                 String status, String reason, boolean cancelRequested, String filledQuantity,
                 String filledQuoteQuantity, String averagePrice, String fees, String feeAsset, String createdAt,
                 String updatedAt) {
}
