package org.exchange.projection.replay;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Map;

/**
 * What a replay may rebuild and where it checks the event topic against the event store.
 *
 * @param projections   the projections (processor names) a replay can rebuild, and what each writes
 * @param batchSize     events per transaction of a replay's processors (larger than live: nobody waits on them)
 * @param eventStore    the event-store database, read only: its global indexes are compared with the topic
 */
@Validated
@ConfigurationProperties("exchange.replay")
public record ReplayProperties(@NotEmpty Map<String, Writes> projections, @Min(1) int batchSize,
                               EventStore eventStore) {

    /**
     * @param tables the PostgreSQL tables the processor writes (moved at the swap)
     * @param index  the analytics index it writes ({@code AnalyticsIndex} name: trades, orders, ledger,
     *               candles), or none; its alias moves to the rebuilt index at the swap
     */
    public record Writes(List<String> tables, String index) {

        public Writes {
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    public record EventStore(@NotBlank String url, @NotBlank String username, String password) {
    }
}
