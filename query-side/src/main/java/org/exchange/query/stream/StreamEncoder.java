package org.exchange.query.stream;

/**
 * Turns an update of a topic into the text one wire format sends. The hub encodes each update at
 * most once per encoder, however many connections receive it.
 */
public interface StreamEncoder {

    /**
     * @param channel the name the connection subscribed with, as this format spells it
     * @param update  one of the records in {@code org.exchange.query.stream.Updates}
     * @return the text to send, or {@code null} when this format has nothing to say about the update
     */
    String encode(String channel, Topic topic, Object update);

    /**
     * An error told to the client outside of any request (a request's own errors are the protocol
     * handler's business).
     *
     * @param channel the channel it concerns, or {@code null}
     * @param code    an {@code ErrorCode} name
     */
    String error(String channel, String code, String message);
}
