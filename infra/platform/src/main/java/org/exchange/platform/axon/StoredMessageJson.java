package org.exchange.platform.axon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON format of everything Axon stores or ships (events, snapshots, sagas, tokens, Kafka
 * records). Stored events are permanent, so these settings are too: decimals are written as plain
 * strings (never a JSON number that a reader might turn into a double), instants as ISO-8601
 * strings. Unknown properties are ignored when reading so that an older reader survives a newer,
 * additive event revision.
 */
public final class StoredMessageJson {

    private StoredMessageJson() {
    }

    /**
     * {@code toPlainString}, never {@code toString}: the latter writes small values in scientific
     * notation ({@code 1E-8}, {@code 0E-8}). Readers accept both; writers always write plain.
     */
    private static final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {

        PlainDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toPlainString());
        }
    }

    public static ObjectMapper objectMapper() {
        SimpleModule decimalsAsStrings = new SimpleModule("decimals-as-plain-strings")
                .addSerializer(BigDecimal.class, new PlainDecimalSerializer());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(decimalsAsStrings)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }
}
