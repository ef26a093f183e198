package org.exchange.platform.axon;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Jackson for Axon's general, event and message serializers, one shared mapper. XStream (Axon's
 * default) cannot read Java records, and Spring Boot 4's own mapper is Jackson 3, which Axon 4
 * does not speak; hence an explicit Jackson 2 mapper with {@link StoredMessageJson}'s settings.
 * No default typing: Axon's tokens carry their own type information, and default typing wraps the
 * Kafka token's {@code Map<TopicPartition, Long>} so that its key deserializer is never used and
 * the processor cannot read its token back (it stops on start).
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(JacksonSerializer.class)
public class AxonSerializationAutoConfiguration {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(StoredMessageJson.objectMapper())
            .build();

    @Bean
    @Primary
    public Serializer serializer() {
        return serializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return serializer;
    }
}
