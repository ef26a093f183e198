package org.exchange.query.analytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.common.TextFields;
import org.exchange.platform.search.AnalyticsIndex;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An analyst's own search on one analytics index: {@code {"index":"trades","query":{…},"aggs":{…},"size":N}}.
 * What reaches OpenSearch is the tree checked here (re-serialised, never the raw text), with our time
 * limit. Refused ({@code FORBIDDEN_QUERY}): other indices, top-level fields other than those below,
 * scripts in any form (inline, stored, scripted metrics, runtime fields, script fields/scores,
 * bucket scripts), and anything that names an index inside the query (terms lookups, {@code _index}).
 * A {@code size} anywhere above the bound is {@code LIMIT_TOO_LARGE}.
 *
 * <p>The body is read from its bytes as UTF-8 JSON, strictly: no duplicate keys, nothing after the
 * object, invalid UTF-8 refused (not replaced), numbers that are not finite ({@code 1e999999}) refused,
 * names and strings with control, invisible or bidi characters refused ({@code VALIDATION_FAILED}),
 * and parser limits well below Jackson's defaults ({@code MALFORMED_REQUEST} beyond them).
 */
@Component
class AnalystSearch {

    private static final int MAX_PARSER_DEPTH = 64;
    private static final ObjectMapper STRICT_JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_PARSER_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(64 * 1024)
                    .maxNameLength(256)
                    .build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_LEVEL = Set.of("index", "query", "aggs", "aggregations", "size", "from",
            "sort", "_source", "track_total_hits", "search_after");
    /**
     * Besides these, any name containing "script" ({@code minimum_should_match_script} of a terms_set
     * query, {@code _script} sorts, {@code script_heuristic}): scripts hide behind many names. A
     * {@code wrapper} query carries a whole query in base64, out of this check's sight.
     */
    private static final Set<String> FORBIDDEN_KEYS = Set.of("script", "scripted_metric", "runtime_mappings",
            "script_fields", "script_score", "bucket_script", "bucket_selector", "stored_fields", "index", "_index",
            "indices", "percolate", "id", "routing", "preference", "wrapper");
    private static final Set<String> SIZES = Set.of("size", "shard_size", "from");
    private static final int MAX_DEPTH = 32;

    private final AnalyticsSearchClient search;
    private final AnalyticsProperties properties;

    AnalystSearch(AnalyticsSearchClient search, AnalyticsProperties properties) {
        this.search = search;
        this.properties = properties;
    }

    /** OpenSearch's answer without its shard statistics: {@code took}, {@code timed_out}, {@code hits}, {@code aggregations}. */
    JsonNode run(byte[] requestBody) {
        ObjectNode request = parse(requestBody);
        request.fieldNames().forEachRemaining(field -> {
            if (!TOP_LEVEL.contains(field)) {
                throw forbidden("field \"" + field + "\" is not allowed; allowed: " + TOP_LEVEL);
            }
        });
        JsonNode name = request.remove("index");
        AnalyticsIndex index = AnalyticsIndex.named(name == null ? null : name.asText())
                .filter(known -> name.isTextual())
                .orElseThrow(() -> forbidden("index must be one of " + AnalyticsIndex.names()));
        check(request, 0);
        ObjectNode answer = (ObjectNode) search.search(index, request);
        answer.remove("_shards");
        return answer;
    }

    private static ObjectNode parse(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : STRICT_JSON.readTree(body);
        } catch (StreamConstraintsException tooBig) {
            // Jackson's message names its own API; say what the limits are instead
            throw new ExchangeException(ErrorCode.MALFORMED_REQUEST, "the body is nested deeper than "
                    + MAX_PARSER_DEPTH + " levels, or holds a number, string or name longer than allowed");
        } catch (JsonProcessingException malformed) {
            // Jackson's own message can name its classes ("bound as `com.fasterxml…JsonNode`"): say where, not what
            JsonLocation at = malformed.getLocation();
            throw new ExchangeException(ErrorCode.MALFORMED_REQUEST, at == null || at.getLineNr() < 1
                    ? "the body is not valid JSON"
                    : "the body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException unreadable) {
            throw new ExchangeException(ErrorCode.MALFORMED_REQUEST, "the body is not UTF-8 JSON");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ExchangeException(ErrorCode.MALFORMED_REQUEST, "the body must be a JSON object");
        }
        return object;
    }

    private void check(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw forbidden("the query is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isTextual()) {
            printable(node.textValue());
        }
        if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, "numbers must be finite");
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                check(element, depth + 1);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                printable(field.getKey());
                if (FORBIDDEN_KEYS.contains(field.getKey())
                        || field.getKey().toLowerCase(java.util.Locale.ROOT).contains("script")) {
                    throw forbidden("\"" + field.getKey() + "\" is not allowed in analytics queries");
                }
                if (SIZES.contains(field.getKey())) {
                    checkSize(field.getKey(), field.getValue());
                }
                check(field.getValue(), depth + 1);
            }
        }
    }

    private static void printable(String text) {
        if (!TextFields.isPrintable(text)) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED,
                    "names and strings must not contain control, invisible or direction-changing characters");
        }
    }

    private void checkSize(String name, JsonNode value) {
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, name + " must be a non-negative integer");
        }
        if (value.asLong() > properties.maxSize()) {
            throw new ExchangeException(ErrorCode.LIMIT_TOO_LARGE, name + " is limited to " + properties.maxSize());
        }
    }

    private static ExchangeException forbidden(String reason) {
        return new ExchangeException(ErrorCode.FORBIDDEN_QUERY, reason);
    }
}
