package org.exchange.platform.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.security.Caller;
import org.exchange.platform.security.CallerAuthentication;
import org.exchange.platform.web.ProblemWriter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Authenticates requests signed with an API key, the way Binance's API does: the key in
 * {@code X-MBX-APIKEY}, a {@code timestamp} (epoch milliseconds) and optional {@code recvWindow}
 * (default 5000 ms), and {@code signature}, the hex HMAC-SHA256 under the key's secret of exactly
 * what was sent: the query string without the {@code signature} parameter, followed by the request
 * body's bytes. With a JSON body the three parameters are in the query string; with a form body
 * ({@code application/x-www-form-urlencoded}, as Binance clients send POSTs) they may be in either,
 * the body's parameters count as request parameters, and the signature is left out of it too. A request so authenticated acts as the key's owner with the
 * trader role; GET and HEAD need the key's READ permission, every other method TRADE. API keys
 * cannot manage API keys. Requests without the header go on to bearer-token authentication. The
 * checks themselves are {@link ApiKeyVerifier}'s, shared with the Binance-compatible WebSocket API.
 */
public final class SignedRequests extends OncePerRequestFilter {

    public static final String API_KEY_HEADER = "X-MBX-APIKEY";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ApiKeyVerifier verifier;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SignedRequests(ApiKeyVerifier verifier, ProblemWriter problems) {
        this.verifier = verifier;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(API_KEY_HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Authorization") != null) {
            refuse(request, response, ErrorCode.MALFORMED_REQUEST, "send either an API key or a bearer token, not both");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(ApiKeys.PATH) || path.startsWith(ApiKeys.PATH + "/")) {
            refuse(request, response, ErrorCode.API_KEY_NOT_PERMITTED, "API keys are managed with a login token, not with a key");
            return;
        }
        byte[] body = body(request);
        if (body == null) {
            refuse(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "signed request bodies are limited to 64 KiB");
            return;
        }
        boolean form = isForm(request);
        SignedQuery inQuery = SignedQuery.parse(request.getQueryString());
        SignedQuery inBody = form ? SignedQuery.parse(new String(body, StandardCharsets.UTF_8)) : SignedQuery.parse(null);
        SignedQuery query = inQuery.and(inBody);
        Long recvWindow = query.has("recvWindow") ? query.longParameter("recvWindow")
                : Long.valueOf(ApiKeyVerifier.DEFAULT_RECV_WINDOW_MILLIS);
        // Binance's totalParams: the query string, then the body, each as sent without the signature
        ApiKeyVerifier.Signed signed = new ApiKeyVerifier.Signed(request.getHeader(API_KEY_HEADER),
                query.longParameter("timestamp"), recvWindow, form ? inQuery.unsigned() + inBody.unsigned() : inQuery.unsigned(),
                form ? new byte[0] : body, query.signature());
        Caller caller;
        try {
            caller = verifier.verify(signed, ClientAddress.of(request),
                    isRead(request.getMethod()) ? ApiKeys.Permission.READ : ApiKeys.Permission.TRADE);
        } catch (ExchangeException refused) {
            if (refused.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After", "1");
            }
            refuse(request, response, refused.code(), refused.getMessage());
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller, List.of(new SimpleGrantedAuthority("ROLE_trader"))));
        contexts.setContext(context);
        try {
            chain.doFilter(new ReadAgain(request, body, form), response);
        } finally {
            contexts.clearContext();
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** The whole body, or null when it is larger than allowed. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return null;
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                read.write(buffer, 0, n);
                if (read.size() > MAX_BODY_BYTES) {
                    return null;
                }
            }
        }
        return read.toByteArray();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        problems.write(request, response, code, detail);
    }

    /**
     * The raw query string split at {@code &}, kept exactly as sent (percent-encoded), because the
     * signature covers the bytes the client sent, not a re-encoding of them.
     */
    record SignedQuery(List<String> parameters, String signature, int signatures) {

        static SignedQuery parse(String query) {
            List<String> kept = new ArrayList<>();
            String signature = null;
            int signatures = 0;
            if (query != null && !query.isEmpty()) {
                for (String parameter : query.split("&", -1)) {
                    if (parameter.startsWith("signature=")) {
                        signature = parameter.substring("signature=".length());
                        signatures++;
                    } else {
                        kept.add(parameter);
                    }
                }
            }
            return new SignedQuery(List.copyOf(kept), signature, signatures);
        }

        /** The parameters of both; the signature only if exactly one was sent in all. */
        SignedQuery and(SignedQuery other) {
            List<String> all = new ArrayList<>(parameters);
            all.addAll(other.parameters);
            return new SignedQuery(List.copyOf(all), signatures > 0 ? signature : other.signature,
                    signatures + other.signatures);
        }

        @Override
        public String signature() {
            return signatures == 1 ? signature : null;
        }

        String unsigned() {
            return String.join("&", parameters);
        }

        boolean has(String name) {
            return parameters.stream().anyMatch(p -> p.startsWith(name + "="));
        }

        /** The parameter as a whole number, or null when it is missing, repeated or not one. */
        Long longParameter(String name) {
            List<String> values = parameters.stream().filter(p -> p.startsWith(name + "="))
                    .map(p -> p.substring(name.length() + 1)).toList();
            if (values.size() != 1 || !values.getFirst().matches("\\d{1,15}")) {
                return null;
            }
            return Long.parseLong(values.getFirst());
        }
    }

    /** The request with its body, already read for the signature, readable again downstream. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Map<String, String[]> parameters;

        ReadAgain(HttpServletRequest request, byte[] body, boolean form) {
            super(request);
            this.body = body;
            // the container would parse a form body from the stream this filter already read
            this.parameters = form ? formParameters(request.getQueryString(), new String(body, StandardCharsets.UTF_8))
                    : null;
        }

        private static Map<String, String[]> formParameters(String query, String body) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String part : List.of(query == null ? "" : query, body)) {
                for (String pair : part.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            Map<String, String[]> parameters = new LinkedHashMap<>();
            values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
            return Collections.unmodifiableMap(parameters);
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                // a broken escape is kept as sent; the endpoint's own validation refuses it
                return text;
            }
        }

        @Override
        public String getParameter(String name) {
            if (parameters == null) {
                return super.getParameter(name);
            }
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters == null ? super.getParameterMap() : parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return parameters == null ? super.getParameterNames() : Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters == null ? super.getParameterValues(name) : parameters.get(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            java.nio.charset.Charset charset = StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = java.nio.charset.Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException unknownCharset) {
                // decoded as UTF-8; the JSON parser refuses what is not
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
