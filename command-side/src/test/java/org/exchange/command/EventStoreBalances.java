package org.exchange.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.api.account.AccountId;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accounts' balances as their events in the event store state them (every account event carries the
 * balance after it), read straight from {@code domain_event_entry}: what a trader holds, independent of
 * any read model.
 */
public final class EventStoreBalances {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStoreBalances() {
    }

    /**
     * @return {@code <account>/<asset>/available|held} → amount, from the accounts' events up to a position
     */
    public static Map<String, BigDecimal> of(JdbcTemplate database, Set<AccountId> accounts, long upTo) {
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (Map<String, Object> row : database.queryForList("select aggregate_identifier, payload_type, "
                + "convert_from(payload, 'UTF8') as payload from domain_event_entry where global_index <= ? "
                + "order by global_index", upTo)) {
            String account = (String) row.get("aggregate_identifier");
            if (accounts.contains(AccountId.of(account))) {
                String type = (String) row.get("payload_type");
                record(balances, account, type.substring(type.lastIndexOf('.') + 1), read((String) row.get("payload")));
            }
        }
        return balances;
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (Exception unreadable) {
            throw new IllegalStateException("unreadable event payload " + payload, unreadable);
        }
    }

    private static void record(Map<String, BigDecimal> balances, String account, String type, JsonNode event) {
        switch (type) {
            case "FundsDepositedEvent", "FeeCollectedEvent" ->
                    put(balances, account, event.path("asset"), "available", event.path("availableAfter"));
            case "FundsReservedEvent", "FundsReleasedEvent" -> {
                put(balances, account, event.path("asset"), "available", event.path("availableAfter"));
                put(balances, account, event.path("asset"), "held", event.path("heldAfter"));
            }
            case "TradeSettledOnAccountEvent" -> {
                put(balances, account, event.path("debitAsset"), "held", event.path("debitHeldAfter"));
                put(balances, account, event.path("creditAsset"), "available", event.path("creditAvailableAfter"));
            }
            default -> {
                // no balance in it
            }
        }
    }

    private static void put(Map<String, BigDecimal> balances, String account, JsonNode asset, String bucket,
                            JsonNode amount) {
        balances.put(account + "/" + asset.asText() + "/" + bucket, new BigDecimal(amount.asText()));
    }
}
