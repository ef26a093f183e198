package org.exchange.platform.web;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.TextFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** The one way a refusal is shaped: an RFC 9457 problem whose {@code code} property is stable. */
public final class Problems {

    public static final String CODE = "code";
    /** A detail is for people: a sentence, not a dump. Longer ones are cut. */
    static final int MAX_DETAIL_LENGTH = 300;

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), safeDetail(detail));
        problem.setProperty(CODE, code.name());
        return problem;
    }

    /**
     * A detail that can be shown as it is: details often quote what the client sent (a field name, a
     * market), so characters that would print as something else or as nothing (controls, bidi
     * overrides, lone surrogates) become U+FFFD, and the text is cut at {@value #MAX_DETAIL_LENGTH}
     * characters.
     */
    public static String safeDetail(String detail) {
        if (detail == null) {
            return null;
        }
        String cut = detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) + "…" : detail;
        if (TextFields.isPrintable(cut)) {
            return cut;
        }
        StringBuilder safe = new StringBuilder(cut.length());
        cut.codePoints().forEach(codePoint -> safe.appendCodePoint(
                TextFields.isPrintable(Character.toString(codePoint)) ? codePoint : '\uFFFD'));
        return safe.toString();
    }

    /**
     * The request's path as a problem's {@code instance}, or {@code null} when it is not a URI
     * reference as it stands (then the problem goes without one rather than fail).
     */
    public static URI instance(String requestUri) {
        if (requestUri == null || requestUri.isEmpty() || requestUri.length() > 2048) {
            return null;
        }
        try {
            return URI.create(requestUri);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
