package org.exchange.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): what a request gets when it fails outside
 * Spring MVC (a filter threw, {@code sendError} was called). Boot's own controller answers
 * {@code {"timestamp","status","error","path"}}; this one answers the same problem documents as every
 * other refusal, by status, and never the exception.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ExchangeException refusal = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                ? ExchangeFailures.refusalIn(failure) : null;
        ProblemDetail problem;
        if (refusal != null) {
            problem = Problems.of(refusal.code(), refusal.getMessage());
        } else {
            Object given = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            // asked for directly rather than reached by an error dispatch: there is no such resource
            int status = given == null ? 404
                    : given instanceof Integer known && known >= 400 && known <= 599 ? known : 500;
            ErrorCode code = ErrorStatuses.codeFor(status);
            problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                    ErrorStatuses.detailFor(status, code));
            problem.setProperty(Problems.CODE, code.name());
        }
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(Problems.instance(uri));
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
