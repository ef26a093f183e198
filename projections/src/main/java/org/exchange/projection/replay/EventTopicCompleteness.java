package org.exchange.projection.replay;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.exchange.platform.kafka.EventStorePosition;
import org.exchange.projection.lag.EventTopicEnds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Whether the event topic holds every event of the event store, before a replay trusts it as the
 * whole history: every global index of {@code domain_event_entry} up to the highest position on the
 * topic must be on the topic (stamped in its record's {@code exchange-position} header). Events
 * after that position are not published yet; the replay reads them as they arrive, like the live
 * projections. Reads only headers (no event is deserialized) and only global indexes of the store.
 */
@Component
class EventTopicCompleteness {

    private static final int SHOWN_MISSING = 10;
    /** Polls in a row that bring nothing while records remain: the topic cannot be read to its end. */
    private static final int MAX_EMPTY_POLLS = 60;

    private final ConsumerFactory<String, byte[]> consumers;
    private final EventTopicEnds ends;
    private final String topic;
    private final JdbcTemplate eventStore;

    EventTopicCompleteness(ConsumerFactory<String, byte[]> consumers, EventTopicEnds ends,
                           @Value("${axon.kafka.default-topic}") String topic, ReplayProperties properties) {
        this.consumers = consumers;
        this.ends = ends;
        this.topic = topic;
        DriverManagerDataSource store = new DriverManagerDataSource(properties.eventStore().url(),
                properties.eventStore().username(), properties.eventStore().password());
        this.eventStore = new JdbcTemplate(store);
        this.eventStore.setFetchSize(10_000);
    }

    /**
     * @param storeEvents     events in the store up to {@code highestPosition}
     * @param topicRecords    records on the topic (redeliveries included)
     * @param unpositioned    records without a position (published before positions were stamped)
     * @param missing         store events up to {@code highestPosition} that are not on the topic
     * @param firstMissing    the first few of them
     */
    record Check(long storeEvents, long highestPosition, long topicRecords, long unpositioned, long missing,
                 List<Long> firstMissing) {

        boolean complete() {
            return missing == 0 && unpositioned == 0;
        }

        String problem() {
            return unpositioned > 0
                    ? unpositioned + " records on the event topic carry no event-store position"
                    : missing + " events of the event store up to position " + highestPosition
                    + " are not on the event topic, first " + firstMissing;
        }
    }

    Check check() throws Exception {
        Map<TopicPartition, Long> end = ends.now();
        BitSet onTopic = new BitSet();
        long unpositioned = 0;
        long highest = 0;
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null)) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            int emptyPolls = 0;
            while (end.entrySet().stream().anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue())) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                if (emptyPolls > MAX_EMPTY_POLLS) {
                    throw new IllegalStateException("the event topic " + topic + " could not be read to its end " + end);
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    OptionalLong position = EventStorePosition.of(record);
                    if (position.isEmpty()) {
                        unpositioned++;
                    } else {
                        onTopic.set(Math.toIntExact(position.getAsLong()));
                        highest = Math.max(highest, position.getAsLong());
                    }
                }
            }
        }
        long[] storeEvents = {0};
        long[] missing = {0};
        List<Long> firstMissing = new ArrayList<>();
        eventStore.query("select global_index from domain_event_entry where global_index <= ?", row -> {
            long index = row.getLong(1);
            storeEvents[0]++;
            if (!onTopic.get(Math.toIntExact(index))) {
                missing[0]++;
                if (firstMissing.size() < SHOWN_MISSING) {
                    firstMissing.add(index);
                }
            }
        }, highest);
        return new Check(storeEvents[0], highest, EventTopicEnds.records(end), unpositioned, missing[0],
                firstMissing.stream().sorted().toList());
    }
}
