package org.exchange.platform.binance;

/**
 * Our order types and statuses under Binance's names: {@code STOP_LIMIT} is Binance's
 * {@code STOP_LOSS_LIMIT}, {@code STOP_MARKET} its {@code STOP_LOSS}; an order still on its way into
 * the book ({@code PENDING_NEW}) is {@code NEW}, as Binance has no such status.
 */
public final class BinanceOrders {

    private BinanceOrders() {
    }

    /** Binance's name of one of our order types. */
    public static String type(String ours) {
        return switch (ours) {
            case "STOP_LIMIT" -> "STOP_LOSS_LIMIT";
            case "STOP_MARKET" -> "STOP_LOSS";
            default -> ours;
        };
    }

    /** Our order type for one of Binance's; {@code -1116} for a type we do not have (e.g. TAKE_PROFIT). */
    public static String ourType(String binance) {
        return switch (binance) {
            case "LIMIT", "MARKET", "LIMIT_MAKER" -> binance;
            case "STOP_LOSS_LIMIT" -> "STOP_LIMIT";
            case "STOP_LOSS" -> "STOP_MARKET";
            default -> throw new BinanceRefusal(BinanceError.invalidOrderType());
        };
    }

    /** Binance's name of one of our order statuses. */
    public static String status(String ours) {
        return "PENDING_NEW".equals(ours) ? "NEW" : ours;
    }
}
