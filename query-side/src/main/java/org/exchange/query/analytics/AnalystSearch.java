package org.exchange.query.analytics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.search.AnalyticsIndex;
import org.springframework.stereotype.Component;

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
 */
@Component
class AnalystSearch {

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_LEVEL = Set.of("index", "query", "aggs", "aggregations", "size", "from",
            "sort", "_source", "track_total_hits", "search_after");
    private static final Set<String> FORBIDDEN_KEYS = Set.of("script", "scripted_metric", "runtime_mappings",
            "script_fields", "script_score", "bucket_script", "bucket_selector", "stored_fields", "index", "_index",
            "indices", "percolate", "id", "routing", "preference");
    private static final Set<String> SIZES = Set.of("size", "shard_size", "from");
    private static final int MAX_DEPTH = 32;

    private final AnalyticsSearchClient search;
    private final AnalyticsProperties properties;

    AnalystSearch(AnalyticsSearchClient search, AnalyticsProperties properties) {
        this.search = search;
        this.properties = properties;
    }

    /** OpenSearch's answer without its shard statistics: {@code took}, {@code timed_out}, {@code hits}, {@code aggregations}. */
    JsonNode run(String requestBody) {
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

    private static ObjectNode parse(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : STRICT_JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new ExchangeException(ErrorCode.MALFORMED_REQUEST, "the body is not valid JSON: "
                    + malformed.getOriginalMessage());
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
        if (node.isArray()) {
            for (JsonNode element : node) {
                check(element, depth + 1);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (FORBIDDEN_KEYS.contains(field.getKey())) {
                    throw forbidden("\"" + field.getKey() + "\" is not allowed in analytics queries");
                }
                if (SIZES.contains(field.getKey())) {
                    checkSize(field.getKey(), field.getValue());
                }
                check(field.getValue(), depth + 1);
            }
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
