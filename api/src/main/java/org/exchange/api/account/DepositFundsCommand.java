package org.exchange.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.common.Asset;

import java.math.BigDecimal;

/**
 * Credit an external deposit to an account, opening the account on its first deposit.
 *
 * @param owner the login name of the account's owner, recorded when the account is opened
 * @param amount strictly positive, already at the asset's scale
 */
public record DepositFundsCommand(
        @TargetAggregateIdentifier AccountId accountId,
        String owner,
        DepositId depositId,
        Asset asset,
        BigDecimal amount) {
}
