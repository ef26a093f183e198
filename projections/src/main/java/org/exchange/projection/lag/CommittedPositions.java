package org.exchange.projection.lag;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * How far a processor has applied the event topic, from its committed tokens in {@code token_entry}
 * (not the in-memory status, and without claiming them): a token is stored in the transaction of its
 * batch, after the batch's writes, so what it covers is really applied.
 */
@Component
public class CommittedPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    CommittedPositions(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The offset of the last record applied per partition. */
    public Map<TopicPartition, Long> of(String processor) {
        Map<TopicPartition, Long> applied = new HashMap<>();
        jdbc.sql("select token, token_type from token_entry where processor_name = ? and token is not null")
                .param(processor)
                .query((row, index) -> serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(
                        row.getBytes("token"), byte[].class, row.getString("token_type"), null)))
                .list()
                .forEach(token -> {
                    if (WrappedToken.unwrapLowerBound(token) instanceof KafkaTrackingToken kafkaToken) {
                        kafkaToken.getPositions().forEach((partition, offset) -> applied.merge(partition, offset, Math::max));
                    }
                });
        return applied;
    }
}
