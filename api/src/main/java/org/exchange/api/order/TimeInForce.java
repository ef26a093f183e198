package org.exchange.api.order;

/** How long the unmatched remainder of a limit order stays in the book. */
public enum TimeInForce {
    /** Good till canceled: the remainder rests. */
    GTC,
    /** Immediate or cancel: the remainder expires. */
    IOC,
    /** Fill or kill: fills completely at once or expires without trading. */
    FOK
}
