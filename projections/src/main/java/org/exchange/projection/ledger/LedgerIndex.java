package org.exchange.projection.ledger;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The ledger index: one document per balance movement. Clients use the alias; the concrete index
 * is versioned so that a rebuild can fill a new one and swap the alias. Amounts are exact: the
 * decimal string as a keyword, and an integer count of the asset's smallest unit for sums.
 */
@Component
public class LedgerIndex {

    static final String VERSION = "v1";

    private final OpenSearchClient client;
    private final String alias;
    private volatile boolean ready;

    LedgerIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.alias = properties.indexPrefix() + "ledger";
    }

    public String alias() {
        return alias;
    }

    /** Creates the index and alias on first use; safe to call from many threads and instances. */
    void ensureExists() {
        if (ready) {
            return;
        }
        try {
            if (!client.indices().existsAlias(request -> request.name(alias)).value()) {
                String index = alias + "-" + VERSION;
                if (!client.indices().exists(request -> request.index(index)).value()) {
                    client.indices().create(request -> request.index(index)
                            .mappings(mapping())
                            .aliases(alias, a -> a));
                }
            }
            ready = true;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot prepare OpenSearch index " + alias, failure);
        }
    }

    private static TypeMapping mapping() {
        Property keyword = Property.of(p -> p.keyword(k -> k));
        return TypeMapping.of(m -> m
                .dynamic(org.opensearch.client.opensearch._types.mapping.DynamicMapping.Strict)
                .properties(Map.of(
                        "eventId", keyword,
                        "accountId", keyword,
                        "kind", keyword,
                        "asset", keyword,
                        "amount", keyword,
                        "amountUnits", Property.of(p -> p.long_(l -> l)),
                        "scale", Property.of(p -> p.integer(i -> i)),
                        "availableAfter", keyword,
                        "sequence", Property.of(p -> p.long_(l -> l)),
                        "occurredAt", Property.of(p -> p.date(d -> d)))));
    }
}
