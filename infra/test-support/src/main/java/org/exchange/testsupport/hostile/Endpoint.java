package org.exchange.testsupport.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One write endpoint as the fuzz sees it: one line of a table. A path such as
 * {@code /api/v1/orders/{orderId}} with the valid value of each variable, query parameters, the
 * fields of a valid JSON body, and the tokens to call it with.
 *
 * <pre>{@code
 * Endpoint.post("/api/v1/admin/deposits").as(admin, trader)
 *         .field("user", "alice", Breaks.word())
 *         .field("amount", "\"10.00\"", Breaks.decimal())
 *         .optionalField("depositId", "\"dep-1\"", Breaks.identifier(64))
 * }</pre>
 * String values are given as Java strings and become JSON strings; {@link #jsonField} takes JSON text.
 */
public final class Endpoint {

    /** A part of the request the fuzz can break; {@code validJson} is JSON text for body fields, raw text otherwise. */
    public record Part(String name, Supplier<String> valid, boolean required, Breaks breaks) {
    }

    public enum BodyRule {
        /** no body is read (DELETE): the fuzz breaks the path, query, headers and token */
        NONE,
        /** a JSON object is required */
        REQUIRED,
        /** a JSON object may be sent; no body (or an empty one) is valid */
        OPTIONAL
    }

    /** Other methods the same path takes (a GET beside a POST): never sent as a wrong method. */
    final java.util.Set<String> otherMethods = new java.util.HashSet<>();
    final String method;
    final String pathTemplate;
    final BodyRule bodyRule;
    final List<Part> pathVariables = new ArrayList<>();
    final List<Part> queryParameters = new ArrayList<>();
    final List<Part> fields = new ArrayList<>();
    Supplier<String> token = () -> null;
    Supplier<String> wrongRoleToken = () -> null;

    private Endpoint(String method, String pathTemplate, BodyRule bodyRule) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.bodyRule = bodyRule;
    }

    public static Endpoint post(String pathTemplate) {
        return new Endpoint("POST", pathTemplate, BodyRule.REQUIRED);
    }

    /** A POST whose body is optional (halting with or without a reason). */
    public static Endpoint postWithOptionalBody(String pathTemplate) {
        return new Endpoint("POST", pathTemplate, BodyRule.OPTIONAL);
    }

    public static Endpoint delete(String pathTemplate) {
        return new Endpoint("DELETE", pathTemplate, BodyRule.NONE);
    }

    /** @param wrongRole a valid token whose roles do not allow this endpoint (a 403) */
    public Endpoint as(Supplier<String> token, Supplier<String> wrongRole) {
        this.token = token;
        this.wrongRoleToken = wrongRole;
        return this;
    }

    /** The path also takes these methods, so a request with one of them is not a wrong one. */
    public Endpoint alsoTakes(String... methods) {
        otherMethods.addAll(List.of(methods));
        return this;
    }

    public Endpoint pathVariable(String name, Supplier<String> valid, Breaks breaks) {
        pathVariables.add(new Part(name, valid, true, breaks));
        return this;
    }

    public Endpoint queryParameter(String name, String valid, Breaks breaks) {
        queryParameters.add(new Part(name, () -> valid, true, breaks));
        return this;
    }

    public Endpoint field(String name, String valid, Breaks breaks) {
        return jsonField(name, Json.string(valid), true, breaks);
    }

    public Endpoint optionalField(String name, String valid, Breaks breaks) {
        return jsonField(name, Json.string(valid), false, breaks);
    }

    /** A field whose valid value is given as JSON text (an array, a number). */
    public Endpoint jsonField(String name, String validJson, boolean required, Breaks breaks) {
        fields.add(new Part(name, () -> validJson, required, breaks));
        return this;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate + (queryParameters.isEmpty() ? ""
                : "?" + String.join("&", queryParameters.stream().map(q -> q.name() + "=").toList()));
    }
}
