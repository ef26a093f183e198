package org.exchange.api.market;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderTerms;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Put an order whose funds are held into the market's book. Returns a {@link BookOutcome}.
 * Idempotent by order id: a repeat returns the outcome already recorded, or, once the market no
 * longer keeps it (a while after the order left the book), {@code PENDING_NEW} without recording
 * anything. Refused by the book (an
 * {@link OrderRejectedByBookEvent}, not an exception) when the market is halted, a post-only order
 * would take, or {@code placedAt} is older than the submission window (the saga has given up on it).
 *
 * @param quoteHold for a buy, the quote held for it (a market buy by base quantity must cost, fees
 *                  included, no more than this); {@code null} for a sell
 */
public record SubmitOrderCommand(
        @TargetAggregateIdentifier MarketId marketId,
        OrderId orderId,
        AccountId accountId,
        OrderTerms terms,
        BigDecimal quoteHold,
        Instant placedAt) {
}
