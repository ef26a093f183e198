package org.exchange.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;

import java.math.BigDecimal;

/**
 * Create an order. The order id is derived from the account and the client order id when the client
 * gave one, so a repeated request reaches the same order and is answered with it (safe retries).
 *
 * @param holdAsset  the asset the order must hold: quote for a buy, base for a sell
 * @param holdAmount the most the order may spend of {@code holdAsset}, fees included; {@code null} for
 *                   a market buy by base quantity, which holds all of the available quote
 */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        AccountId accountId,
        String clientOrderId,
        OrderTerms terms,
        Asset holdAsset,
        BigDecimal holdAmount) {
}
