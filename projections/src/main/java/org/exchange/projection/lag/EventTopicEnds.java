package org.exchange.projection.lag;

import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The event topic's end offsets (how many records each partition holds), and how far a processor is from them. */
@Component
public class EventTopicEnds {

    private final String topic;
    private final Admin kafka;

    EventTopicEnds(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                   @Value("${axon.kafka.default-topic}") String topic) {
        this.topic = topic;
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }

    @PreDestroy
    void close() {
        kafka.close();
    }

    /** The offset after the last record, per partition. */
    public Map<TopicPartition, Long> now() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = kafka.describeTopics(List.of(topic)).allTopicNames()
                .get(5, TimeUnit.SECONDS).get(topic).partitions().stream()
                .collect(Collectors.toMap(partition -> new TopicPartition(topic, partition.partition()),
                        partition -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry :
                kafka.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet()) {
            ends.put(entry.getKey(), entry.getValue().offset());
        }
        return ends;
    }

    /** Records a processor has applied, up to the ends: the last offset applied + 1 per partition (none read: 0). */
    public static long applied(Map<TopicPartition, Long> applied, Map<TopicPartition, Long> ends) {
        long done = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long next = applied.containsKey(end.getKey()) ? applied.get(end.getKey()) + 1 : 0;
            done += Math.min(next, end.getValue());
        }
        return done;
    }

    /** Records on the topic. */
    public static long records(Map<TopicPartition, Long> ends) {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
