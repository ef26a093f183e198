package org.exchange.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a search body on one analytics alias, with the server-side time limit, and turns OpenSearch's
 * refusals into the API's error codes. JSON goes through as a tree: no typed client model between the
 * analyst's aggregation and OpenSearch, and no float parsing of sums on the way.
 */
@Component
class AnalyticsSearchClient {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsSearchClient.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JAVA_CLASS = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*|\\bat [a-z]\\w*\\.");

    private final OpenSearchClient client;
    private final AnalyticsIndices indices;
    private final AnalyticsProperties properties;

    AnalyticsSearchClient(OpenSearchClient client, AnalyticsIndices indices, AnalyticsProperties properties) {
        this.client = client;
        this.indices = indices;
        this.properties = properties;
    }

    /** OpenSearch's answer; an index nobody has written to yet answers no hits. */
    JsonNode search(AnalyticsIndex index, ObjectNode body) {
        body.put("timeout", properties.timeout().toMillis() + "ms");
        try (Response response = client.generic().execute(Requests.builder()
                .method("POST")
                .endpoint("/" + indices.alias(index) + "/_search")
                .query(Map.of(
                        // the alias exists once the projection wrote a first document
                        "ignore_unavailable", "true",
                        "allow_no_indices", "true",
                        "cancel_after_time_interval", properties.timeout().multipliedBy(2).toMillis() + "ms"))
                .json(JSON.writeValueAsString(body))
                .build())) {
            JsonNode answer = JSON.readTree(response.getBody().map(Body::bodyAsString).orElse("{}"));
            if (response.getStatus() >= 400) {
                throw refusal(response.getStatus(), answer);
            }
            return answer;
        } catch (IOException failure) {
            throw new ExchangeException(ErrorCode.SERVICE_UNAVAILABLE, "the analytics store did not answer");
        }
    }

    private static ExchangeException refusal(int status, JsonNode answer) {
        JsonNode cause = answer.path("error").path("root_cause").path(0);
        String type = cause.path("type").asText(answer.path("error").path("type").asText());
        String reason = cause.path("reason").asText(answer.path("error").path("reason").asText("refused"));
        if (answer.toString().contains("too_many_buckets_exception")) {
            return new ExchangeException(ErrorCode.LIMIT_TOO_LARGE, "too many buckets: ask for a shorter period or a longer interval");
        }
        if (status >= 500) {
            log.warn("OpenSearch failed an analytics search ({}): {}", status, answer);
            return new ExchangeException(ErrorCode.SERVICE_UNAVAILABLE, "the analytics store failed the query");
        }
        // OpenSearch's reasons sometimes name its Java classes (a failed cast): those are not for the caller
        String said = JAVA_CLASS.matcher(reason).find() ? type : type + ": " + reason;
        return new ExchangeException(ErrorCode.VALIDATION_FAILED, "OpenSearch refused the query: " + said);
    }
}
