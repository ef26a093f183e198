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
    private final Set<String> readyReplayIndices = ConcurrentHashMap.newKeySet();

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
            List<String> holders = holders(alias);
            // a replay's rebuild of the current version (<concrete>-<tag>) is the current version too
            if (holders.size() == 1 && holders.get(0).startsWith(concrete + "-")) {
                ready.add(index);
                return;
            }
            if (!client.indices().exists(request -> request.index(concrete)).value()) {
                create(index, concrete);
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
     * The alias a replay writes through (tag: the replay's name), on an index of its own:
     * {@code <alias>-<tag>} on {@code <concrete index>-<tag>}. The live alias does not move until
     * {@link #switchTo}.
     */
    public String replayAlias(AnalyticsIndex index, String tag) {
        return alias(index) + "-" + tag;
    }

    /** Creates a replay's index (current mapping) and its alias if missing. */
    public void ensureReplayIndex(AnalyticsIndex index, String tag) {
        String concrete = replayIndex(index, tag);
        if (readyReplayIndices.contains(concrete)) {
            return;
        }
        try {
            if (!client.indices().exists(request -> request.index(concrete)).value()) {
                create(index, concrete);
            }
            client.indices().updateAliases(request -> request.actions(Action.of(a -> a.add(add -> add
                    .index(concrete).alias(replayAlias(index, tag))))));
            readyReplayIndices.add(concrete);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot prepare OpenSearch index " + concrete, failure);
        }
    }

    /**
     * Points the alias at a replay's index, in one atomic alias update that also removes the replay's
     * own alias; answers the indices that held the alias before (now unused).
     */
    public List<String> switchTo(AnalyticsIndex index, String tag) {
        String alias = alias(index);
        String concrete = replayIndex(index, tag);
        try {
            List<String> previous = holders(alias);
            List<Action> actions = new ArrayList<>();
            previous.stream().filter(holder -> !holder.equals(concrete)).forEach(holder ->
                    actions.add(Action.of(a -> a.remove(r -> r.index(holder).alias(alias)))));
            actions.add(Action.of(a -> a.add(add -> add.index(concrete).alias(alias))));
            actions.add(Action.of(a -> a.remove(r -> r.index(concrete).alias(replayAlias(index, tag)))));
            client.indices().updateAliases(request -> request.actions(actions));
            ready.add(index);
            readyReplayIndices.remove(concrete);
            return previous.stream().filter(holder -> !holder.equals(concrete)).toList();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot switch OpenSearch alias " + alias + " to " + concrete, failure);
        }
    }

    /** Deletes indices no alias needs any more (a replay's leftovers, the indices a switch replaced). */
    public void delete(List<String> concreteIndices) {
        if (concreteIndices.isEmpty()) {
            return;
        }
        try {
            client.indices().delete(request -> request.index(concreteIndices).ignoreUnavailable(true));
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot delete OpenSearch indices " + concreteIndices, failure);
        }
    }

    /** A replay's index, as {@link #ensureReplayIndex} names it. */
    public String replayIndex(AnalyticsIndex index, String tag) {
        return concreteIndex(index) + "-" + tag;
    }

    private List<String> holders(String alias) throws IOException {
        List<String> holders = new ArrayList<>();
        if (client.indices().existsAlias(request -> request.name(alias)).value()) {
            holders.addAll(client.indices().getAlias(request -> request.name(alias)).result().keySet());
        }
        return holders;
    }

    /**
     * Checks the index again on the next {@link #ensureExists}: after a write to its alias failed, the
     * index may have been deleted under us (an operator rebuilding it).
     */
    public void recheck(AnalyticsIndex index) {
        ready.remove(index);
        readyReplayIndices.clear();
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
