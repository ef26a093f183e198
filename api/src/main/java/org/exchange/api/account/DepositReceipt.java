package org.exchange.api.account;

import org.exchange.api.common.Asset;

import java.math.BigDecimal;

/**
 * What a deposit command answers.
 *
 * @param duplicate true when this deposit id had already been credited (nothing changed this time)
 */
public record DepositReceipt(AccountId accountId, DepositId depositId, Asset asset, BigDecimal amount, boolean duplicate) {
}
