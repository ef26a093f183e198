package org.exchange.query.audit;

import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.account.ledger.LedgerPostings;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The story of one order or one trade: every event that belongs to it, in position order, each with
 * the balance postings it made. Commands are not stored; each command a saga sent shows as the events
 * it caused, whose {@code causationId} names the event the saga reacted to.
 */
@RestController
@PreAuthorize("hasRole('auditor')")
class StoryController {

    private final EventStoreReader events;

    StoryController(EventStoreReader events) {
        this.events = events;
    }

    /**
     * @param relation why the event is in the story: {@code subject} (an event of the order or trade
     *                 itself), {@code names-subject} (its payload names the order or trade: reservations,
     *                 book entries, fills, settlements), {@code trade} (an event of one of the order's
     *                 trades), {@code correlation} (caused by the same request or saga run as one of the
     *                 order's own events)
     * @param postings the ledger postings the event made (empty when it moved no money)
     */
    record StoryEntry(String relation, AuditEventView event, List<PostingView> postings) {
    }

    record PostingView(int leg, String account, String asset, String bucket, String amount, String balanceAfter,
                       String kind, String reference) {
    }

    record Story(String kind, String id, List<StoryEntry> entries) {
    }

    @GetMapping("/api/v1/audit/orders/{orderId}/story")
    Story order(@PathVariable String orderId, HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of());
        EventFilter.id("orderId", orderId);
        List<StoredEvent> own = events.ofAggregate("Order", orderId, null, null);
        if (own.isEmpty()) {
            throw new ExchangeException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderId + " in the event store");
        }
        TreeMap<Long, StoryEntry> story = new TreeMap<>();
        add(story, own, "subject");
        List<StoredEvent> naming = events.naming(List.of("order:" + orderId));
        add(story, naming, "names-subject");
        Set<String> trades = new LinkedHashSet<>();
        naming.forEach(event -> EventPayloads.read(event).ifPresent(payload -> tradeOf(payload, trades)));
        add(story, events.naming(trades.stream().map(trade -> "trade:" + trade).toList()), "trade");
        add(story, events.correlated(correlations(own)), "correlation");
        return new Story("order", orderId, new ArrayList<>(story.values()));
    }

    @GetMapping("/api/v1/audit/trades/{tradeId}/story")
    Story trade(@PathVariable String tradeId, HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of());
        EventFilter.id("tradeId", tradeId);
        TreeMap<Long, StoryEntry> story = new TreeMap<>();
        add(story, events.ofAggregate("Trade", tradeId, null, null), "subject");
        add(story, events.naming(List.of("trade:" + tradeId)), "names-subject");
        if (story.isEmpty()) {
            throw new ExchangeException(ErrorCode.NOT_FOUND, "no trade " + tradeId + " in the event store");
        }
        return new Story("trade", tradeId, new ArrayList<>(story.values()));
    }

    /** Adds events not in the story yet, with the first relation that brought them in. */
    private static void add(TreeMap<Long, StoryEntry> story, Collection<StoredEvent> found, String relation) {
        for (StoredEvent event : found) {
            story.computeIfAbsent(event.position(), position -> new StoryEntry(relation, AuditEventView.of(event),
                    EventPayloads.read(event).map(LedgerPostings::of).orElse(List.of()).stream()
                            .map(posting -> new PostingView(posting.leg(), posting.account(), posting.asset(),
                                    posting.bucket().name(), posting.amount().toPlainString(),
                                    posting.balanceAfter() == null ? null : posting.balanceAfter().toPlainString(),
                                    posting.kind().name(), posting.reference()))
                            .toList()));
        }
    }

    private static void tradeOf(Object payload, Set<String> trades) {
        switch (payload) {
            case OrderFillRecordedEvent fill -> trades.add(fill.tradeId().value());
            case TradeExecutedEvent trade -> trades.add(trade.tradeId().value());
            case TradeSettledOnAccountEvent settled -> trades.add(settled.tradeId().value());
            default -> {
            }
        }
    }

    private static Set<String> correlations(List<StoredEvent> own) {
        Set<String> ids = new LinkedHashSet<>();
        own.forEach(event -> {
            String id = AuditEventView.of(event).correlationId();
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }
}
