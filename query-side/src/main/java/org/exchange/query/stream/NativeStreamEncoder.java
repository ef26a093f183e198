package org.exchange.query.stream;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The native protocol's push: {@code {"channel":"trades:BTC-USDT","data":{…}}}. */
@Component
public class NativeStreamEncoder implements StreamEncoder {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public String encode(String channel, Topic topic, Object update) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", channel);
        message.put("data", update);
        return json.writeValueAsString(message);
    }

    @Override
    public String error(String channel, String code, String message) {
        return reply(null, "error", Map.of("code", code, "message", message), channel);
    }

    /** A reply of the protocol: {@code {"op":…, "id":… (when the request had one), …}}. */
    public String reply(Object id, String op, Map<String, ?> fields, String channel) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", op);
        if (id != null) {
            message.put("id", id);
        }
        if (channel != null) {
            message.put("channel", channel);
        }
        message.putAll(fields);
        return json.writeValueAsString(message);
    }
}
