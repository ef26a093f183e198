package org.exchange.platform.web;

import org.exchange.api.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The one way a refusal is shaped: an RFC 9457 problem whose {@code code} property is stable. */
public final class Problems {

    public static final String CODE = "code";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setProperty(CODE, code.name());
        return problem;
    }
}
