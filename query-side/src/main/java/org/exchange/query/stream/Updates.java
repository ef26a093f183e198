package org.exchange.query.stream;

import java.util.List;

/**
 * What the streams carry, as values every wire format encodes: decimals as plain strings exactly as
 * the events give them, instants as ISO-8601 strings.
 */
public final class Updates {

    private Updates() {
    }

    /** A match; {@code sequence} is the market's trade sequence (the trade id is {@code <market>-<sequence>}). */
    public record TradeUpdate(String tradeId, String market, long sequence, String price, String quantity,
                              String quoteQuantity, String takerSide, String executedAt) {
    }

    /**
     * The levels that changed in market events {@code firstSequence..lastSequence} (the Market
     * aggregate's sequence numbers), each with its new total quantity, {@code "0"} when the level is
     * gone. Consecutive updates are contiguous: {@code firstSequence} = previous {@code lastSequence} + 1.
     */
    public record DepthUpdate(String market, long firstSequence, long lastSequence, List<List<String>> bids,
                              List<List<String>> asks) {
    }

    /**
     * Rolling 24 h statistics (see docs/api-guide.md for the exact window), with the book's best bid and
     * ask when it was published.
     *
     * @param prevClose  the price of the last trade before the window, {@code null} if none
     * @param firstTrade the trade sequence of the window's first trade, {@code lastTrade} of its last
     * @param bidPrice   {@code null} (as is its quantity) when no bid rests; likewise the ask
     */
    public record TickerUpdate(String market, String open, String high, String low, String last, String volume,
                               String quoteVolume, long trades, String openTime, String closeTime, String lastQuantity,
                               String prevClose, long firstTrade, long lastTrade, String bidPrice, String bidQuantity,
                               String askPrice, String askQuantity) {
    }

    /**
     * The current candle. {@code firstTrade}/{@code lastTrade} are trade sequences; the taker-buy
     * volumes sum the trades whose taker bought.
     */
    public record CandleUpdate(String market, String interval, String openTime, String closeTime, String open,
                               String high, String low, String close, String volume, String quoteVolume, long trades,
                               long firstTrade, long lastTrade, String takerBuyVolume, String takerBuyQuoteVolume) {
    }

    /**
     * A change of one of the user's orders.
     *
     * @param event  what happened: PLACED, ACCEPTED, REJECTED, CANCEL_REQUESTED, FILL, BOOK_OUTCOME, CLOSED
     * @param status the order's status after it
     * @param fill   the fill, for FILL only
     * @param timeInForce   for LIMIT and STOP_LIMIT, else {@code null}; likewise {@code stopPrice} for
     *                      stop orders and {@code quoteQuantity} for market buys by quote amount
     * @param placedAt      when the order was placed
     */
    public record OrderUpdate(String orderId, String clientOrderId, String market, String side, String type,
                              String event, String status, String reason, String price, String quantity,
                              String filledQuantity, String filledQuoteQuantity, String averagePrice, String fees,
                              Fill fill, long sequence, String timestamp, String timeInForce, String stopPrice,
                              String quoteQuantity, String placedAt) {
    }

    public record Fill(String tradeId, String liquidity, String price, String quantity, String quoteQuantity,
                       String fee, String feeAsset) {
    }

    /**
     * One bucket of one asset of the user's balance moved.
     *
     * @param bucket    AVAILABLE or HELD
     * @param balance   the bucket's balance after the change
     * @param change    signed amount
     * @param reason    DEPOSIT, RESERVE, RELEASE, TRADE or FEE
     * @param reference the deposit, order or trade it belongs to
     */
    public record BalanceUpdate(String asset, String bucket, String balance, String change, String reason,
                                String reference, long sequence, String timestamp) {
    }

    /**
     * The account's balances of every asset one account event changed, both buckets, after it (the
     * {@code POSITIONS} topic).
     *
     * @param sequence the Account aggregate's sequence number of the event
     */
    public record PositionUpdate(String account, List<Position> positions, long sequence, String timestamp) {
    }

    public record Position(String asset, String available, String held) {
    }
}
