package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order exists, in PENDING_NEW: funds are about to be held for it and it is about to reach the
 * book. Starts the order saga.
 *
 * @param holdAmount {@code null} for a market buy by base quantity (it holds all available quote)
 */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        AccountId accountId,
        String clientOrderId,
        OrderTerms terms,
        Asset holdAsset,
        BigDecimal holdAmount,
        Instant placedAt) {
}
