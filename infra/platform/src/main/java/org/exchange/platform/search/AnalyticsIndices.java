package org.exchange.platform.search;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.indices.update_aliases.Action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where each {@link AnalyticsIndex} lives under this service's index prefix, and its creation. */
public class AnalyticsIndices {

    private final OpenSearchClient client;
    private final String prefix;
    private final Set<AnalyticsIndex> ready = ConcurrentHashMap.newKeySet();

    public AnalyticsIndices(OpenSearchClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** The alias every reader and writer uses. */
    public String alias(AnalyticsIndex index) {
        return prefix + index.indexName();
    }

    /** The concrete index of the current version. */
    public String concreteIndex(AnalyticsIndex index) {
        return alias(index) + "-" + index.version();
    }

    /**
     * Creates the current version's index if missing and points the alias at it (atomically taking it
     * from an older version). Safe to call from many threads and service instances.
     */
    public void ensureExists(AnalyticsIndex index) {
        if (ready.contains(index)) {
            return;
        }
        String alias = alias(index);
        String concrete = concreteIndex(index);
        try {
            if (!client.indices().exists(request -> request.index(concrete)).value()) {
                create(index, concrete);
            }
            List<String> holders = new ArrayList<>();
            if (client.indices().existsAlias(request -> request.name(alias)).value()) {
                holders.addAll(client.indices().getAlias(request -> request.name(alias)).result().keySet());
            }
            if (!holders.equals(List.of(concrete))) {
                List<Action> actions = new ArrayList<>();
                holders.stream().filter(holder -> !holder.equals(concrete)).forEach(holder ->
                        actions.add(Action.of(a -> a.remove(r -> r.index(holder).alias(alias)))));
                actions.add(Action.of(a -> a.add(add -> add.index(concrete).alias(alias))));
                client.indices().updateAliases(request -> request.actions(actions));
            }
            ready.add(index);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot prepare OpenSearch index " + concrete, failure);
        }
    }

    /**
     * Checks the index again on the next {@link #ensureExists}: after a write to its alias failed, the
     * index may have been deleted under us (an operator rebuilding it).
     */
    public void recheck(AnalyticsIndex index) {
        ready.remove(index);
    }

    private void create(AnalyticsIndex index, String concrete) throws IOException {
        try {
            client.indices().create(request -> request.index(concrete)
                    // one shard: terms aggregations (top accounts) are then exact, not shard-approximate;
                    // these indices are small next to what one shard holds
                    .settings(settings -> settings.numberOfShards(1))
                    .mappings(index.mapping()));
        } catch (OpenSearchException failure) {
            // another instance created it a moment ago
            if (!"resource_already_exists_exception".equals(failure.error().type())) {
                throw failure;
            }
        }
    }
}
