package org.exchange.api.market;

import org.exchange.api.common.Asset;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the book did with a submitted order, as the submitter sees it at once (the order's own
 * status follows through the saga and settlement).
 *
 * @param status           NEW (rests, or a stop order waits), PARTIALLY_FILLED (rests after trading),
 *                         FILLED, EXPIRED or REJECTED; PENDING_NEW answers a late repeated submission
 *                         whose outcome the market no longer keeps (it may have been decided long ago,
 *                         or never): nothing was recorded, the order's own status tells
 * @param reason           for REJECTED an error code name ({@code WOULD_TAKE}, {@code MARKET_HALTED}, …),
 *                         for EXPIRED the expiry reason; otherwise {@code null}
 * @param executedQuantity base quantity traded on arrival ({@code null} for PENDING_NEW)
 * @param fills            the order's trades on arrival, in the order they were made: those the
 *                         submission made, as taker, and those of stop orders it triggered in the same
 *                         command, where it may be maker. Their quantities add up to
 *                         {@code executedQuantity}. They are recorded ({@link TradeExecutedEvent}s
 *                         written with the outcome), not yet settled. {@code null} when the answer
 *                         is for a repeated submission: the book keeps only the outcome of an order
 *                         decided earlier, not its trades
 */
public record BookOutcome(OrderId orderId, OrderStatus status, String reason, BigDecimal executedQuantity,
                          List<Fill> fills) {

    public BookOutcome {
        fills = fills == null ? null : List.copyOf(fills);
    }

    /**
     * One trade of the order, from the order's side.
     *
     * @param fee      what the order pays for it, in {@code feeAsset} (the maker or the taker fee of the trade)
     * @param liquidity whether the order was resting (maker) or arriving (taker)
     */
    public record Fill(TradeId tradeId, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity,
                       BigDecimal fee, Asset feeAsset, Liquidity liquidity) {

        /** The fill of {@code orderId}, one of the trade's two orders. */
        public static Fill of(TradeExecutedEvent trade, OrderId orderId) {
            boolean taker = trade.takerOrderId().equals(orderId);
            return new Fill(trade.tradeId(), trade.price(), trade.quantity(), trade.quoteQuantity(),
                    taker ? trade.takerFee() : trade.makerFee(), trade.feeAsset(), taker ? Liquidity.TAKER : Liquidity.MAKER);
        }
    }

    /** The same outcome with the trades made on arrival. */
    public BookOutcome withFills(List<Fill> made) {
        return new BookOutcome(orderId, status, reason, executedQuantity, made);
    }
}
