package org.exchange.projection.search;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.exchange.projection.replay.ReadModelSchemas;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects the OpenSearch writes of one unit of work (a tracking processor's batch of up to
 * {@code batch-size} events) and sends them as one {@code _bulk} request when the unit of work
 * prepares to commit, before the processor's token moves. A failed item fails the whole batch: the
 * transaction rolls back, the token stays, and the processor ({@code PropagatingErrorHandler}) handles
 * the batch again. Every write here is idempotent, so the items that did succeed may be written again.
 * Items for one document keep their order: OpenSearch applies one shard's bulk items in sequence.
 * Every item requires its target to be an alias: if an index is deleted while the service runs,
 * OpenSearch would otherwise create a concrete index under the alias's name with guessed mappings.
 */
@Component
public class SearchBulk {

    private static final String RESOURCE = SearchBulk.class.getName();

    private final OpenSearchClient client;
    private final AnalyticsIndices indices;

    SearchBulk(OpenSearchClient client, AnalyticsIndices indices) {
        this.client = client;
        this.indices = indices;
    }

    /** Writes (or overwrites) a whole document. */
    public void index(AnalyticsIndex index, String id, Object document) {
        String alias = target(index);
        pending(index).add(BulkOperation.of(b -> b.index(i -> i.index(alias).id(id).document(document)
                .requireAlias(true))));
    }

    /**
     * Runs {@code script} on the document (on an empty one if it does not exist yet). The script guards
     * itself against events it has already applied ({@code ctx.op = 'none'}). A {@code null} parameter
     * is left out: {@code params.x} is then {@code null} in painless.
     */
    public void upsert(AnalyticsIndex index, String id, String script, Map<String, Object> params) {
        String alias = target(index);
        // JsonData.of(null) fails when serialised; a parameter left out is null to painless anyway
        Map<String, JsonData> values = params.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> JsonData.of(entry.getValue())));
        pending(index).add(BulkOperation.of(b -> b.update(u -> u.index(alias).id(id)
                .script(Script.of(s -> s.inline(inline -> inline.source(script).params(values))))
                .scriptedUpsert(true)
                .upsert(Map.of())
                .requireAlias(true))));
    }

    /** The live alias; on a replay's threads, the replay's own ({@link ReadModelSchemas}, docs/adr/0012). */
    private String target(AnalyticsIndex index) {
        String replay = ReadModelSchemas.current();
        return replay == null ? indices.alias(index) : indices.replayAlias(index, replay);
    }

    private void ensureExists(AnalyticsIndex index) {
        String replay = ReadModelSchemas.current();
        if (replay == null) {
            indices.ensureExists(index);
        } else {
            indices.ensureReplayIndex(index, replay);
        }
    }

    private List<BulkOperation> pending(AnalyticsIndex index) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("search documents are written from event handlers only");
        }
        Batch batch = CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> {
            Batch created = new Batch();
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> send(created));
            return created;
        });
        batch.targets.add(index);
        return batch.operations;
    }

    private void send(Batch batch) {
        if (batch.operations.isEmpty()) {
            return;
        }
        batch.targets.forEach(this::ensureExists);
        BulkResponse response;
        try {
            response = client.bulk(request -> request.operations(batch.operations));
        } catch (IOException failure) {
            throw new UncheckedIOException("OpenSearch bulk request of " + batch.operations.size() + " items failed", failure);
        }
        if (response.errors()) {
            // the retry checks the indices again: one may have been deleted (the items require an alias)
            batch.targets.forEach(indices::recheck);
            List<String> failures = response.items().stream().filter(item -> item.error() != null)
                    .limit(5).map(SearchBulk::describe).toList();
            throw new IllegalStateException("OpenSearch refused " + response.items().stream()
                    .filter(item -> item.error() != null).count() + " of " + response.items().size()
                    + " bulk items, e.g. " + failures);
        }
    }

    private static String describe(BulkResponseItem item) {
        return item.index() + "/" + item.id() + ": " + item.error().type() + " " + item.error().reason();
    }

    /** The writes of one unit of work, in the order the handlers asked for them. */
    private static final class Batch {
        private final List<BulkOperation> operations = new ArrayList<>();
        private final Set<AnalyticsIndex> targets = EnumSet.noneOf(AnalyticsIndex.class);
    }
}
