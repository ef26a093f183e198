package org.exchange.query.balance;

import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.account.ledger.LedgerPostings;
import org.exchange.api.account.ledger.Posting;
import org.exchange.query.live.LiveEvent;
import org.exchange.query.live.LiveEventListener;
import org.exchange.query.stream.StreamHub;
import org.exchange.query.stream.Topic;
import org.exchange.query.stream.Updates.BalanceUpdate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code balances} stream: every leg of an account event's ledger postings
 * ({@link LedgerPostings}, the same mapping as the ledger projection) that moves the account's own
 * balance, to that account's connections only. Keeps one sequence number per account, to drop
 * events the publisher sends again.
 */
@Component
class BalanceStream implements LiveEventListener {

    private static final Set<String> WANTED = Set.of(FundsDepositedEvent.class.getName(),
            FundsReservedEvent.class.getName(), FundsReleasedEvent.class.getName(),
            TradeSettledOnAccountEvent.class.getName(), FeeCollectedEvent.class.getName());

    private final StreamHub hub;
    /** Only the reader thread touches it. */
    private final Map<String, Long> lastSequence = new HashMap<>();

    BalanceStream(StreamHub hub) {
        this.hub = hub;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Account");
    }

    @Override
    public boolean wants(String payloadType) {
        return WANTED.contains(payloadType);
    }

    @Override
    public void on(LiveEvent event, boolean live) {
        Long last = lastSequence.get(event.aggregateId());
        if (last != null && event.sequence() <= last) {
            return;
        }
        lastSequence.put(event.aggregateId(), event.sequence());
        if (!live || event.payload() == null) {
            return;
        }
        Topic topic = Topic.balances(event.aggregateId());
        if (!hub.hasSubscribers(topic)) {
            return;
        }
        for (Posting leg : LedgerPostings.of(event.payload())) {
            if (leg.account().equals(event.aggregateId()) && leg.balanceAfter() != null) {
                hub.publish(topic, new BalanceUpdate(leg.asset(), leg.bucket().name(), leg.balanceAfter().toPlainString(),
                        leg.amount().toPlainString(), leg.kind().name(), leg.reference(), event.sequence(),
                        event.timestamp().toString()));
            }
        }
    }
}
