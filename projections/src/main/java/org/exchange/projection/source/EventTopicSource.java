package org.exchange.projection.source;

import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The event topic as the source of every projection processor ({@code source:
 * streamableKafkaMessageSource} in application.yml), like the extension's own but handing records
 * over in fetch order ({@link ArrivalOrderBuffer}).
 */
@Configuration(proxyBeanMethods = false)
class EventTopicSource {

    @Bean
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            @Value("${axon.kafka.default-topic}") String topic,
            @Value("${axon.kafka.fetcher.buffer-size:10000}") int bufferSize,
            @Qualifier("eventSerializer") Serializer serializer, ConsumerFactory<String, byte[]> consumers,
            Fetcher<String, byte[], KafkaEventMessage> fetcher, KafkaMessageConverter<String, byte[]> converter) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic))
                .serializer(serializer)
                .consumerFactory(consumers)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new ArrivalOrderBuffer(bufferSize))
                .build();
    }
}
