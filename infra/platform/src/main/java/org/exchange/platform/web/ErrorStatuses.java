package org.exchange.platform.web;

import org.exchange.api.common.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The code and the wording of a refusal known only by its HTTP status: what the servlet container
 * decided before any of our code ran (a request line it could not parse, headers too large).
 */
final class ErrorStatuses {

    private ErrorStatuses() {
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    static String detailFor(int status, ErrorCode code) {
        return switch (code) {
            case MALFORMED_REQUEST -> "the request is not valid HTTP, or its URL is not allowed";
            case URI_TOO_LONG -> "the request line (path and query) is too long";
            case HEADERS_TOO_LARGE -> "the request headers are too large";
            case PAYLOAD_TOO_LARGE -> "the request body is too large";
            case INTERNAL_ERROR -> "the request could not be completed; it has been logged";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "the request was refused" : known.getReasonPhrase();
            }
        };
    }
}
