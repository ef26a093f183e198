package org.exchange.query.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.exchange.api.account.ledger.LedgerPostings;
import org.exchange.api.account.ledger.Posting;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.query.order.OrderView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An account's balances and an order's state as they were at an instant and/or a position, rebuilt
 * from the aggregate's events up to it. Balances are read from the events' postings
 * ({@link LedgerPostings}, the ledger's own interpretation: every money-moving event states the
 * balance after it); orders are folded by the read model's rules ({@link OrderState}). Without
 * {@code at} or {@code position}: now.
 */
@RestController
@PreAuthorize("hasRole('auditor')")
class PointInTimeController {

    private static final Set<String> PARAMETERS = Set.of("at", "position");

    private final EventStoreReader events;

    PointInTimeController(EventStoreReader events) {
        this.events = events;
    }

    /** Same shape as a trader's own balances ({@code GET /api/v1/balances}). */
    record BalanceView(String asset, String available, String held, String total) {
    }

    /**
     * @param at       the instant asked for ({@code null}: now)
     * @param position the position asked for ({@code null}: the latest)
     * @param lastEventPosition the position of the last event applied ({@code null}: none yet)
     */
    record BalancesAsOf(String accountId, String at, Long position, Long lastEventPosition, List<BalanceView> balances) {
    }

    record OrderAsOf(String orderId, String at, Long position, Long lastEventPosition, OrderView order) {
    }

    /** The instant and/or position asked for; both {@code null}: now. */
    private record AsOf(Instant at, Long position) {

        static AsOf of(HttpServletRequest request, String idName, String id) {
            AuditParameters.onlyKnown(request, PARAMETERS);
            EventFilter.id(idName, id);
            return new AsOf(AuditParameters.instant(request, "at"), AuditParameters.position(request, "position"));
        }

        String atText() {
            return at == null ? null : at.toString();
        }
    }

    @GetMapping("/api/v1/audit/accounts/{accountId}/balances")
    BalancesAsOf balances(@PathVariable String accountId, HttpServletRequest request) {
        AsOf asOf = AsOf.of(request, "accountId", accountId);
        if (!events.exists("Account", accountId)) {
            throw new ExchangeException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + accountId + " in the event store");
        }
        Map<String, BigDecimal[]> buckets = new TreeMap<>();
        Long last = null;
        for (StoredEvent event : events.ofAggregate("Account", accountId, asOf.position(), asOf.at())) {
            last = event.position();
            EventPayloads.read(event).map(LedgerPostings::of).orElse(List.of()).stream()
                    .filter(posting -> posting.account().equals(accountId) && posting.balanceAfter() != null)
                    .forEach(posting -> buckets.computeIfAbsent(posting.asset(), asset -> new BigDecimal[2])
                            [posting.bucket() == Posting.Bucket.AVAILABLE ? 0 : 1] = posting.balanceAfter());
        }
        List<BalanceView> balances = buckets.entrySet().stream().map(entry -> {
            BigDecimal[] sides = entry.getValue();
            // a side no event has stated yet is zero, at the other side's scale (as in the read model)
            BigDecimal known = sides[0] != null ? sides[0] : sides[1];
            BigDecimal available = sides[0] != null ? sides[0] : BigDecimal.ZERO.setScale(known.scale());
            BigDecimal held = sides[1] != null ? sides[1] : BigDecimal.ZERO.setScale(known.scale());
            return new BalanceView(entry.getKey(), available.toPlainString(), held.toPlainString(),
                    available.add(held).toPlainString());
        }).toList();
        return new BalancesAsOf(accountId, asOf.atText(), asOf.position(), last, balances);
    }

    @GetMapping("/api/v1/audit/orders/{orderId}/state")
    OrderAsOf order(@PathVariable String orderId, HttpServletRequest request) {
        AsOf asOf = AsOf.of(request, "orderId", orderId);
        if (!events.exists("Order", orderId)) {
            throw new ExchangeException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderId + " in the event store");
        }
        OrderState state = new OrderState();
        Long last = null;
        for (StoredEvent event : events.ofAggregate("Order", orderId, asOf.position(), asOf.at())) {
            last = event.position();
            EventPayloads.read(event).ifPresent(payload -> state.apply(payload, event.timestamp()));
        }
        return new OrderAsOf(orderId, asOf.atText(), asOf.position(), last,
                state.placed() ? state.view() : null);
    }
}
