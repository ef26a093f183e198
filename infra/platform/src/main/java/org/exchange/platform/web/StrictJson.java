package org.exchange.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read (Boot's Jackson 3 mapper, which Spring MVC uses): strictly, and within
 * small bounds, so that a hostile body is a {@code 400 MALFORMED_REQUEST} before any of our code runs.
 * <ul>
 *   <li>unknown fields, duplicate keys and anything after the value are refused;</li>
 *   <li>a number or a boolean where the request has a string is refused, not turned into text:
 *       decimals travel as strings ({@code "amount":1000} is malformed, {@code "amount":"1000"} is not);</li>
 *   <li>at most {@value #MAX_DEPTH} levels of nesting, numbers of at most {@value #MAX_NUMBER_LENGTH}
 *       characters, strings of at most {@value #MAX_STRING_LENGTH} and names of at most
 *       {@value #MAX_NAME_LENGTH} characters (Jackson's defaults are 500 levels, 1,000 digits and
 *       100 million characters).</li>
 * </ul>
 * Applied after Boot's own customizers, so these limits win over {@code spring.jackson.factory.constraints.read.*}.
 */
public final class StrictJson {

    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 64 * 1024;
    static final int MAX_NAME_LENGTH = 256;
    private static final int AFTER_BOOT = Ordered.LOWEST_PRECEDENCE - 100;

    private StrictJson() {
    }

    public static void limit(JsonFactoryBuilder factory) {
        factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
    }

    public static void strict(JsonMapper.Builder mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    static JsonFactoryBuilderCustomizer factoryCustomizer() {
        return new FactoryCustomizer();
    }

    static JsonMapperBuilderCustomizer mapperCustomizer() {
        return new MapperCustomizer();
    }

    private static final class FactoryCustomizer implements JsonFactoryBuilderCustomizer, Ordered {
        @Override
        public void customize(JsonFactoryBuilder builder) {
            limit(builder);
        }

        @Override
        public int getOrder() {
            return AFTER_BOOT;
        }
    }

    private static final class MapperCustomizer implements JsonMapperBuilderCustomizer, Ordered {
        @Override
        public void customize(JsonMapper.Builder builder) {
            strict(builder);
        }

        @Override
        public int getOrder() {
            return AFTER_BOOT;
        }
    }
}
