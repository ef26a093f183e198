package org.exchange.platform.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    record Deposit(String user, String amount) {
    }

    private static final JsonMapper JSON = strictMapper();

    private static JsonMapper strictMapper() {
        JsonFactoryBuilder factory = JsonFactory.builder();
        StrictJson.limit(factory);
        JsonMapper.Builder mapper = JsonMapper.builder(factory.build());
        StrictJson.strict(mapper);
        return mapper.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"user\":\"alice\",\"amount\":\"10.25\"}", "{\"user\":\"alice\"}", "{\"amount\":null}"})
    void readsStringsAsTheyAre(String body) {
        assertThat(JSON.readValue(body, Deposit.class)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"user\":\"alice\",\"amount\":1000}",
            "{\"user\":\"alice\",\"amount\":10.25}",
            "{\"user\":true,\"amount\":\"1\"}",
            "{\"user\":\"alice\",\"amount\":\"1\",\"bonus\":\"5\"}",
            "{\"user\":\"alice\",\"amount\":\"1\",\"amount\":\"2\"}",
            "{\"user\":\"alice\",\"amount\":\"1\"} {}",
            "{\"user\":\"alice\",\"amount\":NaN}",
            "{\"user\":\"alice\",\"amount\":0x10}",
            "{\"user\":[\"alice\"],\"amount\":\"1\"}"})
    void refusesWrongTypesUnknownOrRepeatedFieldsAndTrailingTokens(String body) {
        assertThatThrownBy(() -> JSON.readValue(body, Deposit.class)).isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {StrictJson.MAX_DEPTH + 1, 10_000})
    void refusesDeepNestingBeforeBuildingIt(int depth) {
        String body = "{\"user\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThatThrownBy(() -> JSON.readValue(body, Deposit.class)).isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"number", "string", "name"})
    void refusesOverlongNumbersStringsAndNames(String what) {
        String body = switch (what) {
            case "number" -> "{\"amount\":" + "9".repeat(StrictJson.MAX_NUMBER_LENGTH + 1) + "}";
            case "string" -> "{\"amount\":\"" + "9".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\"}";
            default -> "{\"" + "n".repeat(StrictJson.MAX_NAME_LENGTH + 1) + "\":\"1\"}";
        };

        assertThatThrownBy(() -> JSON.readValue(body, Deposit.class)).isInstanceOf(JacksonException.class);
    }
}
