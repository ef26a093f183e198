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
import org.exchange.query.stream.Updates.Position;
import org.exchange.query.stream.Updates.PositionUpdate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code balances} stream: every leg of an account event's ledger postings
 * ({@link LedgerPostings}, the same mapping as the ledger projection) that moves the account's own
 * balance, to that account's connections only; and the {@code POSITIONS} topic: per account event,
 * both buckets of each asset it changed. Keeps one sequence number per account, to drop events the
 * publisher sends again, and each account's balances per asset (both buckets: a leg states only the
 * bucket it moved).
 */
@Component
class BalanceStream implements LiveEventListener {

    private static final Set<String> WANTED = Set.of(FundsDepositedEvent.class.getName(),
            FundsReservedEvent.class.getName(), FundsReleasedEvent.class.getName(),
            TradeSettledOnAccountEvent.class.getName(), FeeCollectedEvent.class.getName());

    private final StreamHub hub;
    /** Only the reader thread touches it. */
    private final Map<String, Long> lastSequence = new HashMap<>();
    /** Account → asset → {available, held}. Only the reader thread touches it. */
    private final Map<String, Map<String, BigDecimal[]>> balances = new HashMap<>();

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
        if (event.payload() == null) {
            return;
        }
        List<Posting> legs = LedgerPostings.of(event.payload()).stream()
                .filter(leg -> leg.account().equals(event.aggregateId()) && leg.balanceAfter() != null)
                .toList();
        Map<String, BigDecimal[]> assets = legs.isEmpty() ? null
                : balances.computeIfAbsent(event.aggregateId(), account -> new HashMap<>());
        Set<String> changed = new LinkedHashSet<>();
        for (Posting leg : legs) {
            BigDecimal[] buckets = assets.computeIfAbsent(leg.asset(), asset -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            buckets[leg.bucket() == Posting.Bucket.AVAILABLE ? 0 : 1] = leg.balanceAfter();
            changed.add(leg.asset());
        }
        if (!live || legs.isEmpty()) {
            return;
        }
        Topic topic = Topic.balances(event.aggregateId());
        if (hub.hasSubscribers(topic)) {
            for (Posting leg : legs) {
                hub.publish(topic, new BalanceUpdate(leg.asset(), leg.bucket().name(), leg.balanceAfter().toPlainString(),
                        leg.amount().toPlainString(), leg.kind().name(), leg.reference(), event.sequence(),
                        event.timestamp().toString()));
            }
        }
        Topic positions = Topic.positions(event.aggregateId());
        if (hub.hasSubscribers(positions)) {
            List<Position> after = changed.stream()
                    .map(asset -> new Position(asset, assets.get(asset)[0].toPlainString(), assets.get(asset)[1].toPlainString()))
                    .toList();
            hub.publish(positions, new PositionUpdate(event.aggregateId(), after, event.sequence(), event.timestamp().toString()));
        }
    }
}
