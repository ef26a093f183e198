package org.exchange.command.order;

/**
 * An order as a client sends it: every field a string so that the parsing, and each refusal's code,
 * is ours rather than the JSON library's.
 */
public record OrderRequest(
        String market,
        String side,
        String type,
        String timeInForce,
        String price,
        String quantity,
        String quoteQuantity,
        String stopPrice,
        String clientOrderId,
        String selfTradePrevention) {
}
