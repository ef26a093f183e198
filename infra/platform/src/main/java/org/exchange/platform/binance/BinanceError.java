package org.exchange.platform.binance;

import jakarta.servlet.http.HttpServletRequest;
import org.exchange.api.common.ErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal as Binance's API answers it: an HTTP status and the body {@code {"code":-1121,"msg":"Invalid symbol."}}.
 * Every refusal on the Binance-compatible paths ({@code /api/v3/…}) has this shape instead of a problem
 * document, whether a controller or a filter (authentication, rate limits) refuses, because Binance
 * clients (ccxt, Hummingbot…) decide what went wrong from {@code code}, from a few exact messages
 * (e.g. "Account has insufficient balance for requested action.") and from the words
 * {@code LOT_SIZE}/{@code PRICE_FILTER} anywhere in the body. Codes and messages follow Binance's
 * errors.md; where Binance's message has no fixed text, {@code msg} says what was wrong.
 *
 * @param httpStatus the status Binance would use: 400 for what the request got wrong, 401 for
 *                   credentials, 429 for rate limits, 5xx when the exchange failed
 */
public record BinanceError(int httpStatus, int code, String msg) {

    /** The Binance-compatible REST API's path: refusals under it are written in Binance's format. */
    public static final String PATH = "/api/v3";

    private static final String UNKNOWN = "An unknown error occurred while processing the request.";
    private static final String REJECTED_KEY = "Invalid API-key, IP, or permissions for action.";
    private static final String LEGAL_SYMBOL = "^[A-Z0-9-_.]{1,20}$";

    /** Whether the request is one of the Binance-compatible API's. */
    public static boolean applies(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** The body: {@code code} then {@code msg}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", msg);
        return body;
    }

    /**
     * The Binance equivalent of one of our refusals. Every code has one, so that a refusal raised
     * anywhere (a filter, a shared validation) reaches a Binance client in a shape it understands.
     *
     * @param detail our message: used where Binance's message has no fixed text
     */
    public static BinanceError of(ErrorCode code, String detail) {
        return switch (code) {
            case MALFORMED_REQUEST, VALIDATION_FAILED -> new BinanceError(400, -1102, detail);
            case MALFORMED_AMOUNT -> new BinanceError(400, -1100, detail);
            case INVALID_AMOUNT, INVALID_ORDER -> new BinanceError(400, -1013, detail);
            case AMOUNT_PRECISION -> new BinanceError(400, -1111, "Precision is over the maximum defined for this asset.");
            case UNKNOWN_ASSET, INVALID_CURSOR, LIMIT_TOO_LARGE, FORBIDDEN_QUERY, UNKNOWN_CHANNEL ->
                    new BinanceError(400, -1130, detail);
            case UNKNOWN_MARKET -> invalidSymbol();
            case INVALID_INTERVAL -> invalidInterval();
            case INVALID_PRICE, PRICE_TICK -> new BinanceError(400, -1013, "Filter failure: PRICE_FILTER");
            case LOT_SIZE, MAX_QUANTITY -> new BinanceError(400, -1013, "Filter failure: LOT_SIZE");
            case MIN_NOTIONAL -> new BinanceError(400, -1013, "Filter failure: NOTIONAL");
            case INSUFFICIENT_FUNDS -> new BinanceError(400, -2010, "Account has insufficient balance for requested action.");
            case MARKET_HALTED -> new BinanceError(400, -2010, "Market is closed.");
            case WOULD_TAKE -> new BinanceError(400, -2010, "Order would immediately match and take.");
            case TOO_MANY_OPEN_ORDERS -> new BinanceError(400, -2010, "Account has too many open orders.");
            case ORDER_NOT_FOUND -> new BinanceError(400, -2013, "Order does not exist.");
            case ALREADY_CLOSED -> new BinanceError(400, -2011, "Unknown order sent.");
            case UNAUTHENTICATED -> new BinanceError(401, -1002, "You are not authorized to execute this request.");
            case FORBIDDEN, INVALID_API_KEY, IP_NOT_ALLOWED, API_KEY_NOT_PERMITTED -> new BinanceError(401, -2015, REJECTED_KEY);
            case INVALID_SIGNATURE -> new BinanceError(400, -1022, "Signature for this request is not valid.");
            case TIMESTAMP_OUTSIDE_RECV_WINDOW -> new BinanceError(400, -1021,
                    "Timestamp for this request is outside of the recvWindow.");
            case RATE_LIMITED -> new BinanceError(429, -1003,
                    "Too many requests; retry after the number of seconds in the Retry-After header.");
            case NOT_FOUND, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE ->
                    new BinanceError(code.httpStatus(), -1020, "This operation is not supported.");
            case PAYLOAD_TOO_LARGE -> new BinanceError(413, -1101, "Too many parameters sent for this endpoint.");
            case URI_TOO_LONG, HEADERS_TOO_LARGE -> new BinanceError(code.httpStatus(), -1102, detail);
            case SERVICE_UNAVAILABLE -> unavailable();
            case SUBMISSION_TIMEOUT, POSITION_NOT_REACHED -> new BinanceError(503, -1007,
                    "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
            case INTERNAL_ERROR -> new BinanceError(500, -1000, UNKNOWN);
            // administration and key management: not reachable through the Binance-compatible API
            case UNKNOWN_ACCOUNT, DUPLICATE_DEPOSIT, MARKET_ALREADY_OPEN, INVALID_MARKET_SPEC, ALREADY_IN_STATE,
                 API_KEY_NOT_FOUND, TOO_MANY_API_KEYS, UNKNOWN_PROJECTION, REPLAY_NOT_FOUND, REPLAY_IN_PROGRESS ->
                    new BinanceError(code.httpStatus(), -1000, detail);
        };
    }

    /** -1121: not a listed symbol. */
    public static BinanceError invalidSymbol() {
        return new BinanceError(400, -1121, "Invalid symbol.");
    }

    /** -1120: not one of the kline intervals. */
    public static BinanceError invalidInterval() {
        return new BinanceError(400, -1120, "Invalid interval.");
    }

    /** -1001: the exchange cannot answer right now; retry. */
    public static BinanceError unavailable() {
        return new BinanceError(503, -1001, "Internal error; unable to process your request. Please try again.");
    }

    /** -1000: a failure of ours; the details are in the log, never in the answer. */
    public static BinanceError unknown() {
        return new BinanceError(500, -1000, UNKNOWN);
    }

    /** -1100: a parameter with characters outside its legal range (a regular expression). */
    public static BinanceError illegalCharacters(String parameter, String legalRange) {
        return new BinanceError(400, -1100, "Illegal characters found in parameter '" + parameter
                + "'; legal range is '" + legalRange + "'.");
    }

    /** -1100 for a symbol that cannot be one. */
    public static BinanceError illegalSymbol(String parameter) {
        return illegalCharacters(parameter, LEGAL_SYMBOL);
    }

    /** -1101: a parameter sent more than once. */
    public static BinanceError duplicateParameter() {
        return new BinanceError(400, -1101, "Duplicate values for a parameter detected.");
    }

    /** -1102: a mandatory parameter missing or empty. */
    public static BinanceError mandatory(String parameter) {
        return new BinanceError(400, -1102, "Mandatory parameter '" + parameter
                + "' was not sent, was empty/null, or malformed.");
    }

    /** -1104: parameters the endpoint does not take. */
    public static BinanceError unreadParameters(int read, int sent) {
        return new BinanceError(400, -1104, "Not all sent parameters were read; read '" + read
                + "' parameter(s) but was sent '" + sent + "'.");
    }

    /** -1105: an optional parameter sent empty. */
    public static BinanceError empty(String parameter) {
        return new BinanceError(400, -1105, "Parameter '" + parameter + "' was empty.");
    }

    /** -1108: a number too large for its parameter. */
    public static BinanceError overflow(String parameter) {
        return new BinanceError(400, -1108, "Parameter '" + parameter + "' overflowed.");
    }

    /** -1128: optional parameters that cannot be combined. */
    public static BinanceError badCombination() {
        return new BinanceError(400, -1128, "Combination of optional parameters invalid.");
    }

    /** -1130: a well-formed value the parameter does not accept. */
    public static BinanceError invalidParameter(String parameter) {
        return new BinanceError(400, -1130, "Data sent for parameter '" + parameter + "' is not valid.");
    }

    /** -1023: {@code startTime} after {@code endTime}. */
    public static BinanceError startAfterEnd() {
        return new BinanceError(400, -1023, "Start time is greater than end time.");
    }

    /** -1116: not one of the order types the exchange takes. */
    public static BinanceError invalidOrderType() {
        return new BinanceError(400, -1116, "Invalid orderType.");
    }

    /** -1117: neither BUY nor SELL. */
    public static BinanceError invalidSide() {
        return new BinanceError(400, -1117, "Invalid side.");
    }

    /** -1115: not one of GTC, IOC, FOK. */
    public static BinanceError invalidTimeInForce() {
        return new BinanceError(400, -1115, "Invalid timeInForce.");
    }

    /** -2013: no such order among the caller's (Binance's "NO_SUCH_ORDER"). */
    public static BinanceError noSuchOrder() {
        return new BinanceError(400, -2013, "Order does not exist.");
    }

    /** -1102 of an order endpoint given neither of the ids it takes. */
    public static BinanceError orderIdMissing() {
        return new BinanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
}
