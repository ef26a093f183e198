package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;

import java.math.BigDecimal;

/**
 * An external deposit was credited to the available balance.
 *
 * @param amount the credited amount, at the asset's scale
 * @param availableAfter the account's available balance of {@code asset} right after this credit,
 *                       so that read models can be rebuilt from any single event of an account
 */
@Revision("1")
public record FundsDepositedEvent(
        AccountId accountId,
        DepositId depositId,
        Asset asset,
        BigDecimal amount,
        BigDecimal availableAfter) {
}
