package org.exchange.api.common;

/**
 * Stable, machine-readable reasons for refusing a request. Clients switch on these strings, so a
 * code is never renamed or given a new meaning; new codes are added at the end.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400),
    VALIDATION_FAILED(400),
    MALFORMED_AMOUNT(400),
    INVALID_AMOUNT(400),
    AMOUNT_PRECISION(400),
    UNKNOWN_ASSET(400),
    UNKNOWN_ACCOUNT(404),
    DUPLICATE_DEPOSIT(409),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    UNSUPPORTED_MEDIA_TYPE(415),
    PAYLOAD_TOO_LARGE(413),
    SERVICE_UNAVAILABLE(503),
    INTERNAL_ERROR(500),
    UNKNOWN_MARKET(404),
    MARKET_ALREADY_OPEN(409),
    INVALID_MARKET_SPEC(400),
    MARKET_HALTED(409),
    ALREADY_IN_STATE(409),
    INSUFFICIENT_FUNDS(400),
    INVALID_PRICE(400),
    PRICE_TICK(400),
    LOT_SIZE(400),
    MAX_QUANTITY(400),
    MIN_NOTIONAL(400),
    /** A post-only (LIMIT_MAKER) order would have matched on arrival. */
    WOULD_TAKE(409),
    /** No such order among the caller's orders (another account's order gets this too). */
    ORDER_NOT_FOUND(404),
    /** The order is already final (filled, canceled, rejected or expired). */
    ALREADY_CLOSED(409),
    /** A combination of order fields that makes no sense (e.g. a price on a market order). */
    INVALID_ORDER(400),
    /** The order was not in the book within the submission window; nothing traded. */
    SUBMISSION_TIMEOUT(503),
    /** A candle interval that is not one of the supported codes (1s, 1m, … 1M). */
    INVALID_INTERVAL(400),
    /** A page cursor this API did not hand out. */
    INVALID_CURSOR(400),
    /** A page or result size above the endpoint's maximum. */
    LIMIT_TOO_LARGE(400),
    /** An analytics query that reaches outside the analytics indices, runs scripts or asks too much. */
    FORBIDDEN_QUERY(400),
    /** A read asked to wait for an event-store position that was not reflected in time. */
    POSITION_NOT_REACHED(503),
    /** A stream channel name that is not one of the streams offered. */
    UNKNOWN_CHANNEL(400),
    /** No active API key with this value (unknown, malformed or revoked: the answer does not say which). */
    INVALID_API_KEY(401),
    /** A signed request without a signature, or whose HMAC-SHA256 does not match what was sent. */
    INVALID_SIGNATURE(401),
    /** A signed request's {@code timestamp} is missing, in the future, or older than its {@code recvWindow}. */
    TIMESTAMP_OUTSIDE_RECV_WINDOW(400),
    /** The API key may only be used from the addresses on its allow-list. */
    IP_NOT_ALLOWED(403),
    /** The API key lacks the permission (READ or TRADE) for this request, or keys may not be used here at all. */
    API_KEY_NOT_PERMITTED(403),
    /** No such API key among the caller's (another account's key gets this too). */
    API_KEY_NOT_FOUND(404),
    /** The account already holds the maximum number of active API keys. */
    TOO_MANY_API_KEYS(409),
    /** Too many requests for the account, the API key or the address; see {@code Retry-After}. */
    RATE_LIMITED(429),
    /**
     * The account already has as many open orders as it may ({@code exchange.limits.max-open-orders});
     * the new order is rejected. A state of the account, not a request rate: 409, not 429.
     */
    TOO_MANY_OPEN_ORDERS(409),
    /** The request line (path and query) is longer than the server accepts. */
    URI_TOO_LONG(414),
    /** The request's headers (one of them, or all together) are larger than the server accepts. */
    HEADERS_TOO_LARGE(431),
    /** A replay of a projection that is not one of those listed at {@code /api/v1/audit/replays/projections}. */
    UNKNOWN_PROJECTION(400),
    /** No replay with this id. */
    REPLAY_NOT_FOUND(404),
    /** Another replay is running; one at a time. */
    REPLAY_IN_PROGRESS(409);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
