package org.exchange.query.trade;

/**
 * A settled trade from one of its traders' point of view.
 *
 * @param side       BUY when the caller bought, SELL when the caller sold
 * @param fee        what the caller paid in fees for this trade, in {@code feeAsset}
 * @param liquidity  MAKER when the caller's order was resting in the book, TAKER when it arrived and matched
 * @param orderId    the caller's order that traded
 * @param executedAt when the trade was settled (ISO-8601, UTC), milliseconds after it matched
 */
public record TradeView(String tradeId, String market, String side, String price, String quantity, String quoteQuantity,
                 String fee, String feeAsset, String liquidity, String orderId, String executedAt) {
}
