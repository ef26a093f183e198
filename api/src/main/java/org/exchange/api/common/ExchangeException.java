package org.exchange.api.common;

/**
 * A refusal the caller can act on, carrying a stable {@link ErrorCode}. Thrown by command handlers
 * and request validation; the REST layer turns it into an RFC 9457 problem with that code.
 */
public class ExchangeException extends RuntimeException {

    private final ErrorCode code;

    public ExchangeException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
