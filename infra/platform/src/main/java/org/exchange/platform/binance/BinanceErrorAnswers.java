package org.exchange.platform.binance;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.web.ExchangeFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.Map;

/**
 * Every failure of a Binance-compatible endpoint answered as Binance answers:
 * {@code {"code":-1121,"msg":"Invalid symbol."}} with Binance's status, never a problem document.
 * Each service declares a subclass as a {@code @RestControllerAdvice} limited to its Binance
 * controllers and ordered ahead of the platform's problem-details advice.
 */
public abstract class BinanceErrorAnswers {

    private static final Logger log = LoggerFactory.getLogger(BinanceErrorAnswers.class);

    @ExceptionHandler(BinanceRefusal.class)
    ResponseEntity<Map<String, Object>> refused(BinanceRefusal refusal) {
        return answer(refusal.error());
    }

    @ExceptionHandler(ExchangeException.class)
    ResponseEntity<Map<String, Object>> refused(ExchangeException refusal) {
        return answer(BinanceError.of(refusal.code(), refusal.getMessage()));
    }

    /**
     * A caller whose role may not do this (an admin's or analyst's token on a trader's endpoint):
     * Binance's answer for a key without the permission, {@code -2015}. Without this handler the
     * catch-all below made it a {@code -1000} 500 (found by the authorisation matrix's Binance rows).
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationCredentialsNotFoundException.class})
    ResponseEntity<Map<String, Object>> denied(RuntimeException denied) {
        return answer(BinanceError.of(ErrorCode.FORBIDDEN, "your role does not allow this"));
    }

    /** A database that cannot be reached right now: retry, nothing was done. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<Map<String, Object>> unavailable(RuntimeException failure) {
        log.warn("request refused, the database is unavailable: {}", failure.getMessage());
        BinanceError error = BinanceError.unavailable();
        return ResponseEntity.status(error.httpStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(error.body());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception failure) {
        ExchangeException refusal = ExchangeFailures.refusalIn(failure);
        if (refusal != null) {
            return refused(refusal);
        }
        log.error("request failed unexpectedly", failure);
        return answer(BinanceError.unknown());
    }

    private static ResponseEntity<Map<String, Object>> answer(BinanceError error) {
        return ResponseEntity.status(error.httpStatus()).body(error.body());
    }
}
