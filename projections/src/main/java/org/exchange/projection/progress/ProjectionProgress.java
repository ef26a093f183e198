package org.exchange.projection.progress;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.Map;

/**
 * Records, per projection and topic partition, the last record applied and the highest
 * event-store position applied ({@code projection_progress}), in the same transaction as the read
 * model's changes and the processor's token. The query side turns these into the position each
 * answer reflects, and waits on them when a client asks to read its own writes.
 * <p>
 * A recorder joins every processor as one more handler that takes every event: a processor skips
 * events none of its handlers take, and progress must move for those too, or a projection with
 * nothing to do in a partition would look stuck there.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionProgress {

    /** Replaces the extension's converter (it backs off when this bean exists). */
    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer,
                                                                org.axonframework.config.Configuration axon) {
        DefaultKafkaMessageConverter.Builder converter = DefaultKafkaMessageConverter.builder().serializer(serializer);
        if (axon.upcasterChain() != null) {
            converter.upcasterChain(axon.upcasterChain());
        }
        return new PositionedKafkaMessageConverter(converter.build());
    }

    @Autowired
    void recordProgressOfEveryProcessor(EventProcessingConfigurer processing, EventProcessorProperties processors,
                                        JdbcClient jdbc) {
        for (String processor : processors.getProcessors().keySet()) {
            processing.registerEventHandler(configuration -> new Recorder(processor, jdbc));
            processing.assignHandlerInstancesMatching(processor,
                    handler -> handler instanceof Recorder recorder && recorder.processor.equals(processor));
        }
    }

    /** One processor's recorder: collects a batch's progress and writes it when the batch commits. */
    static final class Recorder {

        private final String processor;
        private final JdbcClient jdbc;
        private final String resourceKey;

        Recorder(String processor, JdbcClient jdbc) {
            this.processor = processor;
            this.jdbc = jdbc;
            this.resourceKey = Recorder.class.getName() + "." + processor;
        }

        /** Takes the message, not the payload: a payload parameter would deserialize every event in every processor. */
        @EventHandler(payloadType = Object.class)
        void on(EventMessage<?> message) {
            if (!(message.getMetaData().get(PositionedKafkaMessageConverter.PARTITION) instanceof Integer partition)
                    || !CurrentUnitOfWork.isStarted()) {
                return;
            }
            long offset = (Long) message.getMetaData().get(PositionedKafkaMessageConverter.OFFSET);
            Long position = (Long) message.getMetaData().get(PositionedKafkaMessageConverter.POSITION);
            batchOf(CurrentUnitOfWork.get().root()).merge(partition, new Reached(offset, position), Reached::max);
        }

        private Map<Integer, Reached> batchOf(UnitOfWork<?> unitOfWork) {
            return unitOfWork.getOrComputeResource(resourceKey, key -> {
                Map<Integer, Reached> batch = new HashMap<>();
                unitOfWork.onPrepareCommit(committing -> batch.forEach(this::write));
                return batch;
            });
        }

        private void write(int partition, Reached reached) {
            jdbc.sql("""
                            insert into projection_progress (processor, partition, kafka_offset, position)
                            values (:processor, :partition, :offset, :position)
                            on conflict (processor, partition) do update set
                                kafka_offset = greatest(projection_progress.kafka_offset, excluded.kafka_offset),
                                position = greatest(projection_progress.position, excluded.position)
                            """)
                    .param("processor", processor)
                    .param("partition", partition)
                    .param("offset", reached.offset())
                    .param("position", reached.position())
                    .update();
        }
    }

    /** @param position {@code null} for records published before positions were stamped */
    record Reached(long offset, Long position) {

        static Reached max(Reached one, Reached other) {
            return new Reached(Math.max(one.offset, other.offset), higher(one.position, other.position));
        }

        /** Spelled out: a conditional mixing {@code Long} and {@code long} unboxes its null operand. */
        private static Long higher(Long one, Long other) {
            if (one == null) {
                return other;
            }
            if (other == null) {
                return one;
            }
            return Math.max(one, other);
        }
    }
}
