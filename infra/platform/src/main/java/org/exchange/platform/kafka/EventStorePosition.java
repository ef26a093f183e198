package org.exchange.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The event store's global index of an event, carried on its Kafka record as the header
 * {@value #HEADER} (decimal digits). The publisher stamps it; readers of the topic use it to say up
 * to which event-store position their state reflects (read-your-writes). Stored events are not
 * changed: the position exists only on the published record.
 */
public final class EventStorePosition {

    public static final String HEADER = "exchange-position";

    private EventStorePosition() {
    }

    public static <K, V> ProducerRecord<K, V> stamp(ProducerRecord<K, V> record, long position) {
        record.headers().remove(HEADER);
        record.headers().add(HEADER, Long.toString(position).getBytes(StandardCharsets.US_ASCII));
        return record;
    }

    /** Empty for records published before positions were stamped. */
    public static OptionalLong of(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        if (header == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII)));
    }
}
