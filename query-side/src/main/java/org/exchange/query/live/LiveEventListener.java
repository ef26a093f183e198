package org.exchange.query.live;

import java.util.Set;

/**
 * In-memory state fed by the {@link EventTopicReader}, on its single thread, in topic order per
 * aggregate. Before {@link #caughtUp()} the reader replays history: listeners build state but tell
 * no client about it.
 */
public interface LiveEventListener {

    /** The aggregate types whose events this listener wants (Axon's aggregate type names). */
    Set<String> aggregateTypes();

    /** Whether the listener wants an event of this payload class (checked before deserialising). */
    boolean wants(String payloadType);

    /**
     * An event of one of {@link #aggregateTypes()}. Payload types it does not want still arrive, with
     * a {@code null} payload, so that a listener can follow the aggregate's sequence.
     *
     * @param live whether history has been read up to where it stood when the reader started
     */
    void on(LiveEvent event, boolean live);

    /** History read up to the end offsets seen at start; events from now on are live. */
    default void caughtUp() {
    }
}
