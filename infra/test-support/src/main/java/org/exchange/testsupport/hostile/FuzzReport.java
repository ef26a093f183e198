package org.exchange.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.testsupport.hostile.HostileRequests.HostileRequest;
import org.exchange.testsupport.hostile.RawHttp.Answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a fuzz run got back, endpoint by endpoint: answers by status, code and category, and every
 * answer that is not what a refused request must be: a 4xx {@code application/problem+json} with a
 * known {@code code}, its {@code status} equal to the HTTP status, and no stack trace, exception or
 * class name.
 */
public final class FuzzReport {

    /** Frames, fully qualified Java names, exception class names. */
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b(java|javax|jakarta|sun|org|com|tools|io|net)\\.[a-z][\\w]*\\.[\\w.$]*"
                    + "|\\b[A-Z]\\w*(Exception|Error|Throwable)\\b|\\.java:\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> knownCodes;
    private final Map<String, Map<String, Integer>> answers = new TreeMap<>();
    private final Map<String, Map<String, Integer>> categories = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;

    public FuzzReport(Set<String> knownCodes) {
        this.knownCodes = Set.copyOf(knownCodes);
    }

    private static final java.util.function.Function<String, Integer> JSON_STATUS = body -> {
        try {
            return JSON.readTree(body).path("status").asInt();
        } catch (Exception notJson) {
            return 0;
        }
    };

    public void record(Endpoint endpoint, HostileRequest request, Answer answer) {
        requests++;
        String where = endpoint.toString();
        String code = codeOf(answer);
        answers.computeIfAbsent(where, any -> new TreeMap<>()).merge(answer.status() + " " + code, 1, Integer::sum);
        categories.computeIfAbsent(where, any -> new TreeMap<>()).merge(request.category(), 1, Integer::sum);
        String wrong = wrongWith(answer);
        if (wrong != null) {
            failures.add(where + " #" + request.index() + " [" + request.category() + "] " + request.description()
                    + " -> " + answer.status() + " " + wrong + ": " + HostileRequests.abbreviate(answer.body()));
        }
    }

    /** @return why this answer is not a proper refusal, or {@code null} */
    public String wrongWith(Answer answer) {
        // a raw line break in the request target splits the request line; the server takes the part
        // before it for an HTTP/0.9 request, whose answer has no status line and no headers: it must
        // still be a refusal, judged by the problem in its body
        boolean http09 = answer.status() == 0;
        int status = http09 ? JSON_STATUS.apply(answer.body()) : answer.status();
        if (status < 400 || status > 499) {
            return "not a 4xx";
        }
        String type = answer.header("content-type");
        if (!http09 && (type == null || !type.startsWith("application/problem+json"))) {
            return "content type " + type;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (Exception notJson) {
            return "not JSON";
        }
        if (problem == null || !problem.isObject()) {
            return "not a JSON object";
        }
        if (!knownCodes.contains(problem.path("code").asText())) {
            return "unknown code " + problem.path("code");
        }
        if (problem.path("status").asInt() != status) {
            return "status " + problem.path("status") + " in the body";
        }
        if (LEAK.matcher(answer.body()).find()) {
            return "internals in the answer";
        }
        return null;
    }

    public int requests() {
        return requests;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** One block per endpoint: requests, answers by status and code, requests by category. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        answers.forEach((endpoint, byAnswer) -> {
            int total = byAnswer.values().stream().mapToInt(Integer::intValue).sum();
            text.append(endpoint).append(": ").append(total).append(" requests\n  answers: ").append(byAnswer)
                    .append("\n  categories: ").append(categories.get(endpoint)).append('\n');
        });
        return text.toString();
    }

    private static String codeOf(Answer answer) {
        try {
            JsonNode problem = JSON.readTree(answer.body());
            return problem == null ? "-" : problem.path("code").asText("-");
        } catch (Exception notJson) {
            return "(not JSON)";
        }
    }
}
