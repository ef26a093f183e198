package org.exchange.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;
import org.exchange.api.common.ErrorCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, as a problem document instead of an HTML page. It answers what Tomcat
 * refuses before the request reaches Spring: a request target with characters or encodings it does not
 * allow ({@code %00}, {@code %2F}, raw {@code |}), a request line or headers longer than
 * {@code server.max-http-request-header-size}, a malformed request line. Tomcat reports "request
 * header is too large" as a 400 for both the request line and the headers; this answers
 * {@code 414 URI_TOO_LONG} when the request line never got parsed, {@code 431 HEADERS_TOO_LARGE}
 * otherwise, and for more header fields than the connector allows. Tomcat's 501 (an unknown transfer
 * coding) and 505 (an HTTP version it does not speak) become {@code 400 MALFORMED_REQUEST}: bad input
 * is a 4xx everywhere in this API. Nothing of the exception is shown.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");
    private static final StringManager HTTP_MESSAGES = StringManager.getManager("org.apache.tomcat.util.http");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String target = request.getCoyoteRequest().requestURI().toString();
        int refused = status;
        if (status == 400 && failure != null && HEADER_TOO_LARGE.equals(failure.getMessage())) {
            // the request target is set once the request line is read to its end
            status = target == null || target.isEmpty() ? 414 : 431;
            response.setStatus(status);
        } else if (status == 400 && tooManyHeaders(request, failure)) {
            status = 431;
            response.setStatus(status);
        }
        String detail = null;
        if (status == 501 || status == 505) {
            // Tomcat's answers to a transfer coding or an HTTP version it does not speak: the request is
            // what is wrong, and a refused request is a 4xx here
            detail = status == 501 ? "the request uses a transfer coding this server does not accept"
                    : "the request uses an HTTP version this server does not accept";
            status = 400;
            response.setStatus(status);
        }
        if (status != refused) {
            // Tomcat closes the connection after refusing a request it could not parse, but announces it
            // only for the statuses it chose itself (400, 501, 505…): say so for ours, or a proxy keeping
            // the connection alive sends the next request into a closed socket (nginx: a 502)
            response.setHeader("Connection", "close");
        }
        ErrorCode code = ErrorStatuses.codeFor(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                detail != null ? detail : ErrorStatuses.detailFor(status, code));
        problem.setProperty(Problems.CODE, code.name());
        URI instance = target != null && target.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                ? Problems.instance(target) : null;
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(ProblemWriter.body(problem, instance)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException cannotWrite) {
            // the client is gone or the response was committed meanwhile: nothing left to tell it
        }
    }

    /** More header fields than the connector's {@code maxHeaderCount} (100 by default). */
    private static boolean tooManyHeaders(Request request, Throwable failure) {
        return failure instanceof IllegalStateException
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                && HTTP_MESSAGES.getString("headers.maxCountFail", http.getMaxHeaderCount()).equals(failure.getMessage());
    }
}
