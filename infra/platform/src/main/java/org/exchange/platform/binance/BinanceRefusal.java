package org.exchange.platform.binance;

/**
 * A refusal that exists only on the Binance-compatible API (a parameter Binance names, a combination
 * it forbids): thrown by its endpoints and answered as the {@link BinanceError} it carries.
 */
public class BinanceRefusal extends RuntimeException {

    private final BinanceError error;

    public BinanceRefusal(BinanceError error) {
        super(error.msg());
        this.error = error;
    }

    public BinanceError error() {
        return error;
    }
}
