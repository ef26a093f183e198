package org.exchange.api.account;

import org.exchange.api.common.ErrorCode;

import java.math.BigDecimal;

/**
 * The answer to a {@link ReserveFundsCommand}, also for a repeat: whether the order's funds are
 * held, and how much ({@code amount} is what was asked, or what was available for a request without
 * an amount; zero when refused).
 *
 * @param refusal why nothing was held ({@code INSUFFICIENT_FUNDS}, {@code TOO_MANY_OPEN_ORDERS});
 *                {@code null} when the funds are held
 */
public record HoldResult(boolean reserved, BigDecimal amount, ErrorCode refusal) {

    public static HoldResult held(BigDecimal amount) {
        return new HoldResult(true, amount, null);
    }

    public static HoldResult refused(ErrorCode refusal) {
        return new HoldResult(false, BigDecimal.ZERO, refusal);
    }
}
