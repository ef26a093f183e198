package org.exchange.command.account;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What one account may have at once. Enforced by the {@link Account} aggregate itself (injected into
 * its reservation handler), the one place that knows, whichever node or replica took the request.
 *
 * @param maxOpenOrders the most orders an account may have holding funds at the same time
 *                      ({@code exchange.limits.max-open-orders}, env {@code EXCHANGE_LIMITS_MAX_OPEN_ORDERS})
 */
@Validated
@ConfigurationProperties("exchange.limits")
public record AccountLimits(@Positive int maxOpenOrders) {

    /** Whether an account with {@code openOrders} open may open one more. */
    boolean allowsAnotherOpenOrder(int openOrders) {
        return openOrders < maxOpenOrders;
    }
}
