package org.exchange.query.audit;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which events an auditor asks for; every criterion given must hold. Each one is answered from an
 * index (db/eventstore V8_1, ADR 0020):
 * <ul>
 *     <li>{@code aggregateType}, {@code aggregateId}: the aggregate the event belongs to;</li>
 *     <li>{@code eventType}: the payload class (its simple name, e.g. {@code OrderPlacedEvent}, or its
 *     full name);</li>
 *     <li>{@code account}: events whose payload names the account at its top level (the account's own
 *     events, and orders, book entries, trades and settlements that name it as owner, buyer, seller,
 *     maker, taker or fee account). Not the events it merely caused: see {@code caller};</li>
 *     <li>{@code market}: events whose payload names the market ({@code marketId}, or an order's
 *     terms); account events (reservations, settlements) name no market;</li>
 *     <li>{@code correlationId}: events of one correlation (Axon's trace id: one request and all it
 *     caused);</li>
 *     <li>{@code from} (inclusive), {@code to} (exclusive): the event's timestamp;</li>
 *     <li>{@code afterPosition}, {@code toPosition} (inclusive): the event's position.</li>
 * </ul>
 */
record EventFilter(String aggregateType, String aggregateId, String eventType, String account, String market,
                   String correlationId, Instant from, Instant to, Long afterPosition, Long toPosition) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,255}");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_$.]{0,254}");
    private static final List<String> EVENT_PACKAGES = List.of("org.exchange.api.account", "org.exchange.api.order",
            "org.exchange.api.market", "org.exchange.api.trade");

    EventFilter {
        aggregateType = checked("aggregateType", aggregateType, TYPE_NAME);
        aggregateId = checked("aggregateId", aggregateId, ID);
        eventType = eventType == null ? null : storedType(eventType);
        account = checked("account", account, ID);
        market = checked("market", market, ID);
        correlationId = checked("correlationId", correlationId, ID);
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("from must be before to");
        }
        if (afterPosition != null && afterPosition < 0 || toPosition != null && toPosition < 0) {
            throw invalid("positions are not negative");
        }
    }

    static EventFilter none() {
        return new EventFilter(null, null, null, null, null, null, null, null, null, null);
    }

    EventFilter after(long position) {
        return new EventFilter(aggregateType, aggregateId, eventType, account, market, correlationId, from, to,
                afterPosition == null ? position : Math.max(afterPosition, position), toPosition);
    }

    /** The SQL condition (never empty) and its parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        condition(conditions, parameters, "type = ?", aggregateType);
        condition(conditions, parameters, "aggregate_identifier = ?", aggregateId);
        condition(conditions, parameters, "payload_type = ?", eventType);
        condition(conditions, parameters, "audit_event_subjects(payload) @> array[?::text]",
                account == null ? null : "account:" + account);
        condition(conditions, parameters, "audit_event_subjects(payload) @> array[?::text]",
                market == null ? null : "market:" + market);
        condition(conditions, parameters, "audit_event_trace(meta_data) = ?", correlationId);
        condition(conditions, parameters, "audit_event_time(time_stamp) >= ?",
                from == null ? null : OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        condition(conditions, parameters, "audit_event_time(time_stamp) < ?", to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        condition(conditions, parameters, "global_index > ?", afterPosition);
        condition(conditions, parameters, "global_index <= ?", toPosition);
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), parameters);
    }

    record Where(String sql, List<Object> parameters) {
    }

    /** {@code VALIDATION_FAILED} unless {@code value} looks like an aggregate or subject id. */
    static String id(String name, String value) {
        return checked(name, value, ID);
    }

    private static void condition(List<String> conditions, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            conditions.add(sql);
            parameters.add(value);
        }
    }

    /**
     * The stored payload type of an event type given by its simple name (looked up among the
     * published events) or by its full class name (taken as it is: events no longer published are
     * still in the store).
     */
    private static String storedType(String name) {
        if (name.contains(".")) {
            return checked("eventType", name, CLASS_NAME);
        }
        checked("eventType", name, TYPE_NAME);
        for (String eventPackage : EVENT_PACKAGES) {
            try {
                return Class.forName(eventPackage + "." + name, false, EventFilter.class.getClassLoader()).getName();
            } catch (ClassNotFoundException notHere) {
                // try the next package
            }
        }
        throw invalid("eventType " + name + " is not an event type; use a published event's simple name or a full "
                + "class name");
    }

    private static String checked(String name, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw invalid(name + " is not a valid value");
        }
        return value;
    }

    static ExchangeException invalid(String detail) {
        return new ExchangeException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
