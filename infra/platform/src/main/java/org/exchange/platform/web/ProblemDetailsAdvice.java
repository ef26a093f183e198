package org.exchange.platform.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns every failure of a request into an RFC 9457 problem with a stable {@code code}. Spring's
 * own MVC exceptions keep their status and gain a code; our {@link ExchangeException}s carry theirs;
 * anything unexpected becomes a 500 that says nothing about the internals (the log has them).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ExchangeException.class)
    ResponseEntity<ProblemDetail> refused(ExchangeException refusal) {
        return problem(refusal.code(), refusal.getMessage());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationCredentialsNotFoundException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException denied) {
        return problem(ErrorCode.FORBIDDEN, "your role does not allow this");
    }

    /** A database that cannot be reached right now: retry, nothing was done. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> unavailable(DataAccessException failure) {
        if (failure instanceof CannotAcquireLockException) {
            // e.g. a request that waited too long for its turn at a busy market (command side's MarketTurns)
            log.warn("request refused, it waited too long for a lock: {}", failure.getMessage());
            return retryLater("too many requests are waiting for the same resource (a market's book); nothing was done; retry");
        }
        log.warn("request refused, the database is unavailable: {}", failure.getMessage());
        return unavailableAnswer();
    }

    private static ResponseEntity<ProblemDetail> unavailableAnswer() {
        return retryLater("the database cannot be reached right now; retry");
    }

    private static ResponseEntity<ProblemDetail> retryLater(String detail) {
        return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.httpStatus()).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(ErrorCode.SERVICE_UNAVAILABLE, detail));
    }

    /**
     * A command that got no answer in time: the command side waited its limit (a market still replaying
     * after a restart, a command node that died holding it, an overloaded machine). Unlike an unreachable
     * database the command may still take effect, which is safe to retry because every command that
     * changes state carries the client's idempotency key (clientOrderId, depositId; ADR 0008).
     */
    static boolean notAnsweredInTime(Throwable failure) {
        return ExchangeFailures.find(failure, TimeoutException.class) != null;
    }

    /**
     * A database that could not be reached, wherever it surfaced: in a command handler it arrives
     * wrapped by Axon (the unit of work's transaction could not begin, the pool timed out), not as
     * the {@link DataAccessException} the handler above sees from plain repositories. Nothing was
     * committed: the transaction never began or was rolled back.
     */
    static boolean databaseUnavailable(Throwable failure) {
        return ExchangeFailures.find(failure, DataAccessResourceFailureException.class) != null
                || ExchangeFailures.find(failure, TransientDataAccessException.class) != null
                || ExchangeFailures.find(failure, CannotCreateTransactionException.class) != null
                || ExchangeFailures.find(failure, SQLTransientConnectionException.class) != null
                || ExchangeFailures.find(failure, SQLNonTransientConnectionException.class) != null
                || connectionLost(failure);
    }

    /**
     * A connection the server ended under the request: SQLSTATE class 08 (connection exception) or
     * 57P (the server shutting down, restarting or refusing connections, e.g. 57P01 "terminating
     * connection due to administrator command"). The pool can hand out a connection the server has
     * just closed; the statement then fails inside the command's transaction, which dies with it.
     */
    private static boolean connectionLost(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tomcat parses the query string when a parameter is first asked for: a bad percent-encoding
     * ({@code ?market=%zz}) or too many parameters surface here, not as a 400 of the container.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameters(InvalidParameterException invalid) {
        return problem(ErrorCode.MALFORMED_REQUEST,
                "the query string is not valid (percent-encoding or too many parameters)");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        ExchangeException refusal = ExchangeFailures.refusalIn(failure);
        if (refusal != null) {
            return refused(refusal);
        }
        if (databaseUnavailable(failure)) {
            log.warn("request refused, the database is unavailable: {}", failure.toString());
            return unavailableAnswer();
        }
        if (notAnsweredInTime(failure)) {
            log.warn("request not answered in time: {}", failure.toString());
            return retryLater("the exchange did not answer in time; the request may still take effect: retry it unchanged "
                    + "(the same clientOrderId or depositId never takes effect twice) or look it up");
        }
        log.error("request failed unexpectedly", failure);
        return problem(ErrorCode.INTERNAL_ERROR, "the request could not be completed; it has been logged");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> fields = invalid.getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .toList();
        ProblemDetail problem = Problems.of(ErrorCode.VALIDATION_FAILED, String.join("; ", fields));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ErrorCode code = codeFor(failure, status);
        if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
            return ResponseEntity.status(code.httpStatus()).body(Problems.of(code, RequestBodyLimitFilter.detail(failure)));
        }
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("request failed unexpectedly", failure);
        }
        String detail = switch (code) {
            case MALFORMED_REQUEST -> "the request body is not valid JSON of the expected shape";
            case INTERNAL_ERROR -> "the request could not be completed; it has been logged";
            default -> body instanceof ProblemDetail given && given.getDetail() != null
                    ? given.getDetail() : HttpStatus.valueOf(status.value()).getReasonPhrase();
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, Problems.safeDetail(detail));
        problem.setProperty(Problems.CODE, code.name());
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static ErrorCode codeFor(Exception failure, HttpStatusCode status) {
        if (ExchangeFailures.find(failure, RequestBodyLimitFilter.BodyTooLargeException.class) != null) {
            return ErrorCode.PAYLOAD_TOO_LARGE;
        }
        return switch (failure) {
            case HttpMessageNotReadableException unreadable -> ErrorCode.MALFORMED_REQUEST;
            case NoResourceFoundException missing -> ErrorCode.NOT_FOUND;
            case HttpRequestMethodNotSupportedException method -> ErrorCode.METHOD_NOT_ALLOWED;
            case HttpMediaTypeNotSupportedException media -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail) {
        ProblemDetail problem = Problems.of(code, detail);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
