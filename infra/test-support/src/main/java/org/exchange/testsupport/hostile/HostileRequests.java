package org.exchange.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.testsupport.hostile.Endpoint.BodyRule;
import org.exchange.testsupport.hostile.Endpoint.Part;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Malformed and hostile requests for one {@link Endpoint}, from a seeded {@link Random}: the same seed
 * gives the same requests. Each starts from the endpoint's valid request and breaks one thing:
 * <ul>
 *   <li>{@code FIELD_VALUE}: one body field gets an invalid value of its kind ({@link Breaks});</li>
 *   <li>{@code FIELD_TYPE}: a string field gets a number, boolean, object, array or an absurd number token;</li>
 *   <li>{@code BODY_SHAPE}: a required field missing, an unknown field, a duplicate key, deep nesting, not an
 *       object, broken syntax, invalid UTF-8, a raw control character;</li>
 *   <li>{@code CONTENT_TYPE}: a body that is not declared as JSON;</li>
 *   <li>{@code BODY_SIZE}: more than 64 KiB (whitespace padding a valid body; declared or chunked);</li>
 *   <li>{@code PATH_VALUE}, {@code QUERY_VALUE}: a path variable or query parameter broken, missing or repeated;</li>
 *   <li>{@code URL}: encodings and characters the server must not accept, a request line of 17 KB and more,
 *       a query string that does not parse;</li>
 *   <li>{@code HEADERS}: one header or all of them too large, too many, illegal characters, no Host,
 *       a Content-Length that is not a length;</li>
 *   <li>{@code AUTH}: no token, a forged or mangled one, another role's;</li>
 *   <li>{@code METHOD}: a method the path does not take.</li>
 * </ul>
 */
public final class HostileRequests {

    public record HostileRequest(int index, String category, String description, byte[] bytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final Endpoint endpoint;
    private final Random random;
    private final String host;

    public HostileRequests(Endpoint endpoint, long seed, String host) {
        this.endpoint = endpoint;
        this.random = new Random(seed ^ endpoint.toString().hashCode());
        this.host = host;
    }

    public HostileRequest next(int index) {
        Request request = valid();
        String category = category();
        String description = switch (category) {
            case "FIELD_VALUE" -> fieldValue(request);
            case "FIELD_TYPE" -> fieldType(request);
            case "BODY_SHAPE" -> bodyShape(request);
            case "CONTENT_TYPE" -> contentType(request);
            case "BODY_SIZE" -> bodySize(request);
            case "PATH_VALUE" -> pathValue(request);
            case "QUERY_VALUE" -> queryValue(request);
            case "URL" -> url(request);
            case "HEADERS" -> headers(request);
            case "AUTH" -> auth(request);
            case "METHOD" -> method(request);
            default -> throw new IllegalStateException(category);
        };
        return new HostileRequest(index, category, description, request.render());
    }

    /** The endpoint's valid request, as sent by the fuzz's control step. */
    public byte[] validRequest() {
        return valid().render();
    }

    private String category() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        boolean body = endpoint.bodyRule != BodyRule.NONE;
        boolean stringFields = endpoint.fields.stream().anyMatch(field -> field.valid().get().startsWith("\""));
        if (!endpoint.fields.isEmpty()) {
            weights.put("FIELD_VALUE", 30);
        }
        if (stringFields) {
            weights.put("FIELD_TYPE", 10);
        }
        if (body) {
            weights.put("BODY_SHAPE", 20);
            weights.put("CONTENT_TYPE", 6);
        }
        weights.put("BODY_SIZE", body ? 6 : 3);
        if (!endpoint.pathVariables.isEmpty()) {
            weights.put("PATH_VALUE", body ? 8 : 40);
        }
        if (!endpoint.queryParameters.isEmpty()) {
            weights.put("QUERY_VALUE", body ? 8 : 40);
        }
        weights.put("URL", body ? 8 : 20);
        weights.put("HEADERS", body ? 6 : 12);
        weights.put("AUTH", body ? 4 : 10);
        weights.put("METHOD", body ? 2 : 5);
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            roll -= weight.getValue();
            if (roll < 0) {
                return weight.getKey();
            }
        }
        throw new IllegalStateException();
    }

    // ---------------------------------------------------------------- body

    private String fieldValue(Request request) {
        int which = random.nextInt(endpoint.fields.size());
        Part field = endpoint.fields.get(which);
        String valid = field.valid().get();
        String invalid = field.breaks().invalid(valid.startsWith("\"") ? unquote(valid) : valid, random);
        request.fields.put(field.name(), invalid);
        request.renderFields();
        return field.name() + " = " + abbreviate(invalid);
    }

    private String fieldType(Request request) {
        List<Part> strings = endpoint.fields.stream().filter(field -> field.valid().get().startsWith("\"")).toList();
        Part field = Breaks.pick(strings, random);
        List<String> wrong = new ArrayList<>(Breaks.NOT_A_STRING);
        wrong.addAll(List.of("NaN", "Infinity", "-Infinity", "0x10", "01", "'single'", "undefined", "-"));
        if (field.required()) {
            wrong.add("null");
        }
        String value = Breaks.pick(wrong, random);
        request.fields.put(field.name(), value);
        request.renderFields();
        return field.name() + " as " + abbreviate(value);
    }

    private String bodyShape(Request request) {
        List<Part> required = endpoint.fields.stream().filter(Part::required).toList();
        List<Part> strings = endpoint.fields.stream().filter(field -> field.valid().get().startsWith("\"")).toList();
        int kind = random.nextInt(10);
        if (kind == 0 && !required.isEmpty()) {
            Part dropped = Breaks.pick(required, random);
            request.fields.remove(dropped.name());
            request.renderFields();
            return "without " + dropped.name();
        }
        if (kind <= 1) {
            String known = endpoint.fields.isEmpty() ? "reason" : Breaks.pick(endpoint.fields, random).name();
            String name = Breaks.pick(List.of("bonus", "__proto__", "constructor", "@class", "class", "admin",
                    Character.toUpperCase(known.charAt(0)) + known.substring(1), known + " ", " " + known, "",
                    known + "\u200b", "\u0000", "n".repeat(300)), random);
            if (!request.fields.containsKey(name)) {
                request.fields.put(name, Json.string("x"));
                request.renderFields();
                return "unknown field " + abbreviate(Json.string(name));
            }
        }
        if (kind == 2 && !endpoint.fields.isEmpty()) {
            Part repeated = Breaks.pick(endpoint.fields, random);
            String first = request.body();
            String again = Json.string(repeated.name()) + ":" + repeated.valid().get();
            request.body(first.substring(0, first.length() - 1) + (request.fields.isEmpty() ? "" : ",") + again + "}");
            return "duplicate key " + repeated.name();
        }
        if (kind == 3) {
            int depth = Breaks.pick(List.of(33, 40, 64, 65, 200, 5_000), random);
            String target = endpoint.fields.isEmpty() ? "nested" : Breaks.pick(endpoint.fields, random).name();
            request.fields.put(target, Json.nested(depth, random.nextBoolean()));
            request.renderFields();
            return target + " nested " + depth + " deep";
        }
        if (kind == 4) {
            String valid = request.body();
            List<String> bodies = new ArrayList<>(List.of("[]", "[" + valid + "]", "\"" + "x" + "\"", "42", "true", "false",
                    "-0", "1e999999999", "\"\\u0000\""));
            if (endpoint.bodyRule == BodyRule.REQUIRED) {
                bodies.add("null");
                bodies.add("");
                bodies.add("   ");
            }
            if (!required.isEmpty()) {
                bodies.add("{}");
            }
            String body = Breaks.pick(bodies, random);
            request.body(body);
            return "body " + abbreviate(body);
        }
        if (kind == 5 && !strings.isEmpty()) {
            Part field = Breaks.pick(strings, random);
            byte[] bad = Breaks.pick(List.of(new byte[]{(byte) 0xff}, new byte[]{(byte) 0xfe, (byte) 0xff},
                    new byte[]{(byte) 0xc0, (byte) 0x80}, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[]{(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0x80},
                    new byte[]{(byte) 0xe2, (byte) 0x82}, new byte[]{(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), random);
            byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
            byte[] marker = (Json.string(field.name()) + ":\"").getBytes(StandardCharsets.UTF_8);
            int at = indexOf(body, marker) + marker.length;
            ByteArrayOutputStream broken = new ByteArrayOutputStream();
            broken.write(body, 0, at);
            broken.writeBytes(bad);
            broken.write(body, at, body.length - at);
            request.bodyBytes = broken.toByteArray();
            return "invalid UTF-8 in " + field.name();
        }
        if (kind == 6 && !strings.isEmpty()) {
            Part field = Breaks.pick(strings, random);
            String control = Breaks.pick(List.of("\u0000", "\u0001", "\n", "\t", "\u001f"), random);
            request.fields.put(field.name(), Json.rawString(unquote(field.valid().get()) + control));
            request.renderFields();
            return "raw control character in " + field.name();
        }
        String valid = request.body();
        int cut = valid.length() <= 1 ? 0 : 1 + random.nextInt(valid.length() - 1);
        List<String> syntax = new ArrayList<>(List.of(
                valid.substring(0, cut),
                valid + "x",
                valid + valid,
                valid + "{}",
                "/* comment */" + valid,
                valid.replace('"', '\''),
                valid.replaceAll("\"([A-Za-z]+)\":", "$1:"),
                valid.length() > 2 ? valid.substring(0, valid.length() - 1) + ",}" : "{,}",
                ")]}',\n" + valid,
                valid.replace(":", "="),
                "{" + valid));
        // some rewrites leave a body without quotes or colons ({}) as it was: those are not broken
        syntax.removeIf(valid::equals);
        String body = Breaks.pick(syntax, random);
        request.body(body);
        return "syntax " + abbreviate(body);
    }

    private String contentType(Request request) {
        String type = Breaks.pick(List.of("text/plain", "text/plain;charset=UTF-8", "text/html", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/octet-stream",
                "application/json;charset=bogus-charset", "application/json;charset=UTF-7", "application/",
                "*/*", "json", "application/jsonp", "application/javascript", "image/png", "\u0000"), random);
        if (type.equals("\u0000")) {
            request.headers.remove("Content-Type");
            return "no Content-Type";
        }
        request.headers.put("Content-Type", type);
        return "Content-Type " + type;
    }

    private String bodySize(Request request) {
        int size = MAX_BODY + 1 + random.nextInt(3 * MAX_BODY);
        String valid = endpoint.bodyRule == BodyRule.NONE ? "{\"x\":\"x\"}" : request.body();
        // whitespace is valid JSON: the body is refused for its size alone
        String padded = "{" + " ".repeat(Math.max(0, size - valid.length())) + valid.substring(1);
        request.body(padded);
        // a DELETE reads no body: only a declared length can be refused before the request is carried out
        if (endpoint.bodyRule != BodyRule.NONE && random.nextBoolean()) {
            request.chunked = true;
            return "chunked body of " + padded.length() + " bytes";
        }
        return "body of " + padded.length() + " bytes";
    }

    // ---------------------------------------------------------------- URL

    private String pathValue(Request request) {
        Part variable = Breaks.pick(endpoint.pathVariables, random);
        String broken = textOf(variable.breaks().invalid(variable.valid().get(), random));
        boolean raw = random.nextInt(5) == 0;
        request.pathValues.put(variable.name(), raw ? rawBytes(broken) : encodePathSegment(broken));
        return variable.name() + (raw ? " raw " : " = ") + abbreviate(broken);
    }

    private String queryValue(Request request) {
        Part parameter = Breaks.pick(endpoint.queryParameters, random);
        String valid = parameter.valid().get();
        switch (random.nextInt(5)) {
            case 0 -> {
                request.query.remove(parameter.name());
                return "without " + parameter.name();
            }
            case 1 -> {
                request.query.put(parameter.name(), encodeQuery(valid) + "&" + parameter.name() + "="
                        + encodeQuery(random.nextBoolean() ? valid : textOf(parameter.breaks().invalid(valid, random))));
                return parameter.name() + " twice";
            }
            case 2 -> {
                request.query.remove(parameter.name());
                request.query.put(Character.toUpperCase(parameter.name().charAt(0)) + parameter.name().substring(1),
                        encodeQuery(valid));
                return parameter.name() + " capitalised";
            }
            default -> {
                String broken = textOf(parameter.breaks().invalid(valid, random));
                request.query.put(parameter.name(), encodeQuery(broken));
                return parameter.name() + " = " + abbreviate(broken);
            }
        }
    }

    private String url(Request request) {
        switch (random.nextInt(13)) {
            case 0 -> {
                request.extraQuery = "padding=" + "a".repeat(17 * 1024 + random.nextInt(40 * 1024));
                return "request line of " + request.extraQuery.length() / 1024 + " KiB";
            }
            case 1 -> {
                request.extraQuery = Breaks.pick(List.of("x=%zz", "x=%", "x=%f", "x=%ff", "x=%c0%80", "x=%ed%a0%80", "%zz=1"), random);
                return "query " + request.extraQuery;
            }
            case 2 -> {
                StringBuilder many = new StringBuilder();
                int count = 65 + random.nextInt(200);
                for (int i = 0; i < count; i++) {
                    many.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
                }
                request.extraQuery = many.toString();
                return count + " query parameters";
            }
            case 3 -> {
                request.pathSuffix = Breaks.pick(List.of(";jsessionid=1", ";a=b", "/", "/.", "/..", "%2F", "%2f..", "%00",
                        "%2e", "//", "\\", "%5C", "%25", "/%2e%2e/", ";"), random);
                return "path ending " + request.pathSuffix;
            }
            case 4 -> {
                request.rewritePath = path -> path.replaceFirst("/v1/", Breaks.pick(List.of("/v1//", "/v1/./", "/v1/../v1/", "/v1;x=1/", "/v1%2F", "/V1/", "/v1/%2e/", "/v1/%00/"), random));
                return "path segments rewritten";
            }
            case 5 -> {
                request.rewritePath = path -> path.toUpperCase(java.util.Locale.ROOT);
                return "path upper-cased";
            }
            case 6 -> {
                String raw = Breaks.pick(List.of("|", "{", "}", "\"", "<", ">", "^", "`", "\u00e9", "\u0001", "\u007f",
                        "#", " x"), random);
                request.rewritePath = path -> path + raw;
                return "raw " + abbreviate(Json.string(raw)) + " in the path";
            }
            case 7 -> {
                request.extraQuery = "x=" + Breaks.pick(List.of("|", "{", "\"", "<", "\u00e9", "\u0001", "\u007f", "^"), random);
                return "raw character in the query " + abbreviate(Json.string(request.extraQuery));
            }
            case 8 -> {
                request.version = Breaks.pick(List.of("HTTP/1.1 x", "HTTP/x", "HTTP/1.1\u0000", "HTTP", "HTTP/2.0", "HTTP/3"), random);
                return "request line ending " + abbreviate(Json.string(request.version));
            }
            case 9 -> {
                request.rewritePath = path -> path.replace("/api/", "/api/v1/../");
                return "dot segments";
            }
            case 10 -> {
                request.rewritePath = path -> path + "%";
                return "dangling percent";
            }
            case 11 -> {
                request.rewritePath = path -> path.replaceFirst("/api", "/api%2Fv1");
                return "encoded slash";
            }
            default -> {
                request.rewritePath = path -> path + Breaks.pick(List.of("%E2%80%AE", "%C0%AF", "%FF", "%ED%A0%80"), random);
                return "encoded bytes in the path";
            }
        }
    }

    // ---------------------------------------------------------------- headers, token, method

    /**
     * Not sent, because Tomcat accepts them as RFC 9112 allows and the request is then valid: obsolete line
     * folding (replaced by a space), Content-Length beside Transfer-Encoding: chunked (the length is ignored).
     */
    private String headers(Request request) {
        switch (random.nextInt(10)) {
            case 0 -> {
                int size = 17 * 1024 + random.nextInt(40 * 1024);
                request.headers.put("X-Padding", "a".repeat(size));
                return "one header of " + size / 1024 + " KiB";
            }
            case 1 -> {
                int count = 101 + random.nextInt(100);
                for (int i = 0; i < count; i++) {
                    request.headers.put("X-Many-" + i, "1");
                }
                return count + " headers";
            }
            case 2 -> {
                for (int i = 0; i < 5 + random.nextInt(5); i++) {
                    request.headers.put("X-Big-" + i, "b".repeat(4 * 1024));
                }
                return "headers of 20 KiB and more together";
            }
            case 3 -> {
                request.headers.put("X-Bad", "a" + Breaks.pick(List.of("\u0001", "\u0000", "\u007f", "\r", "\n\u0001x"), random) + "b");
                return "control character in a header value";
            }
            case 4 -> {
                request.headers.put(Breaks.pick(List.of("X Bad", "X(Bad)", "X\u00e9", "", "X\"Bad\"", "X@Bad", "X\u0001"), random), "1");
                return "illegal header name";
            }
            case 5 -> {
                request.headers.remove("Host");
                return "no Host";
            }
            case 6 -> {
                request.extraHeaderLines.add("Host: other.example");
                return "two Host headers";
            }
            case 7 -> {
                request.contentLength = Breaks.pick(List.of("-1", "abc", "1, 2", "0x10", "99999999999999999999", " 1 2"), random);
                return "Content-Length " + request.contentLength;
            }
            case 8 -> {
                request.extraHeaderLines.add("no colon in this header line");
                return "header line without a colon";
            }
            default -> {
                request.extraHeaderLines.add("Transfer-Encoding: " + Breaks.pick(List.of("gzip", "x-unknown", "chunked, gzip"), random));
                return "a transfer coding the server does not know";
            }
        }
    }

    private String auth(Request request) {
        String token = endpoint.token.get();
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String signature = parts[2];
        char flipped = signature.charAt(signature.length() / 2) == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + parts[1] + "." + signature.substring(0, signature.length() / 2) + flipped
                + signature.substring(signature.length() / 2 + 1);
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("no token", null);
        variants.put("empty bearer", "Bearer");
        variants.put("garbage token", "Bearer x.y.z");
        variants.put("unsigned token (alg none)", "Bearer " + forged);
        variants.put("tampered signature", "Bearer " + tampered);
        variants.put("basic credentials", "Basic " + Base64.getEncoder().encodeToString("root:root".getBytes(StandardCharsets.UTF_8)));
        variants.put("token with trailing junk", "Bearer " + token + " x");
        variants.put("payload swapped", "Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"someone-else\",\"realm_access\":{\"roles\":[\"admin\",\"trader\",\"analyst\"]}}"
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        if (endpoint.wrongRoleToken.get() != null) {
            variants.put("another role's token", "Bearer " + endpoint.wrongRoleToken.get());
        }
        String name = Breaks.pick(new ArrayList<>(variants.keySet()), random);
        String value = variants.get(name);
        if (value == null) {
            request.headers.remove("Authorization");
        } else {
            request.headers.put("Authorization", value);
        }
        return name;
    }

    private String method(Request request) {
        request.method = Breaks.pick(java.util.stream.Stream.of("PUT", "PATCH", "TRACE", "FOO",
                endpoint.method.equals("POST") ? "DELETE" : "POST", "GET")
                .filter(method -> !endpoint.otherMethods.contains(method)).toList(), random);
        return "method " + request.method;
    }

    // ---------------------------------------------------------------- the request

    private Request valid() {
        Request request = new Request();
        request.method = endpoint.method;
        for (Part variable : endpoint.pathVariables) {
            request.pathValues.put(variable.name(), encodePathSegment(variable.valid().get()));
        }
        for (Part parameter : endpoint.queryParameters) {
            request.query.put(parameter.name(), encodeQuery(parameter.valid().get()));
        }
        request.headers.put("Host", host);
        if (endpoint.token.get() != null) {
            request.headers.put("Authorization", "Bearer " + endpoint.token.get());
        }
        request.headers.put("Accept", "application/json, application/problem+json");
        if (endpoint.bodyRule != BodyRule.NONE) {
            request.headers.put("Content-Type", "application/json");
            for (Part field : endpoint.fields) {
                request.fields.put(field.name(), field.valid().get());
            }
            request.renderFields();
        }
        return request;
    }

    private final class Request {
        String method;
        String version = "HTTP/1.1";
        final Map<String, String> pathValues = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        String extraQuery;
        String pathSuffix = "";
        java.util.function.UnaryOperator<String> rewritePath = path -> path;
        final Map<String, String> headers = new LinkedHashMap<>();
        final List<String> extraHeaderLines = new ArrayList<>();
        final Map<String, String> fields = new LinkedHashMap<>();
        byte[] bodyBytes;
        boolean chunked;
        String contentLength;

        void renderFields() {
            StringBuilder json = new StringBuilder("{");
            fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(Json.string(name)).append(':').append(value));
            body(json.append('}').toString());
        }

        void body(String text) {
            bodyBytes = text.getBytes(StandardCharsets.UTF_8);
        }

        String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }

        byte[] render() {
            String path = endpoint.pathTemplate;
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            path = rewritePath.apply(path + pathSuffix);
            List<String> parameters = new ArrayList<>();
            query.forEach((name, value) -> parameters.add(name + "=" + value));
            if (extraQuery != null) {
                parameters.add(extraQuery);
            }
            String target = parameters.isEmpty() ? path : path + "?" + String.join("&", parameters);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            line(out, method + " " + target + " " + version);
            headers.forEach((name, value) -> line(out, name + ": " + value));
            extraHeaderLines.forEach(extra -> line(out, extra));
            byte[] body = bodyBytes;
            if (chunked && body != null) {
                line(out, "Transfer-Encoding: chunked");
            } else if (contentLength != null) {
                line(out, "Content-Length: " + contentLength);
            } else if (body != null) {
                line(out, "Content-Length: " + body.length);
            }
            line(out, "Connection: close");
            line(out, "");
            if (body != null) {
                if (chunked) {
                    for (int at = 0; at < body.length; at += 8192) {
                        int size = Math.min(8192, body.length - at);
                        line(out, Integer.toHexString(size));
                        out.write(body, at, size);
                        line(out, "");
                    }
                    line(out, "0");
                    line(out, "");
                } else {
                    out.writeBytes(body);
                }
            }
            return out.toByteArray();
        }

        /** Header and request lines go out as UTF-8: raw non-ASCII bytes are part of what is tested. */
        private void line(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[]{'\r', '\n'});
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A JSON value's text: the string itself for a JSON string, the JSON text for anything else. */
    private static String textOf(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isTextual() ? node.textValue() : json;
        } catch (Exception notJson) {
            return json;
        }
    }

    private static String unquote(String jsonString) {
        return textOf(jsonString);
    }

    private static String encodePathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Non-ASCII and control characters as raw bytes in the request target; ASCII punctuation still
     * percent-encoded, so that a {@code ?}, {@code #} or {@code %} in the value never turns the rest of
     * it into a query or an escape (and the request into a valid one).
     */
    private static String rawBytes(String value) {
        StringBuilder raw = new StringBuilder();
        value.codePoints().forEach(c -> {
            boolean unreserved = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0);
            if (Character.isSurrogate((char) c)) {
                // a lone surrogate has no UTF-8 form (Java would write '?'): its CESU-8 bytes, invalid in UTF-8
                raw.append(String.format("%%ED%%%02X%%%02X", 0xA0 | ((c >> 6) & 0x1F), 0x80 | (c & 0x3F)));
            } else if (c >= 0x80 || c < 0x20 || c == 0x7f || unreserved) {
                raw.appendCodePoint(c);
            } else {
                raw.append(encodePathSegment(Character.toString(c)));
            }
        });
        return raw.isEmpty() ? "%00" : raw.toString();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("pattern not in body");
    }

    static String abbreviate(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.append(Character.toChars(c));
            }
        });
        return text.length() > 60 ? shown + "…(" + text.length() + " chars)" : shown.toString();
    }

    /** A random well-formed identifier that names nothing (an order id nobody has). */
    public static Supplier<String> unknownUuid(Random random) {
        return () -> new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
