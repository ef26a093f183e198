package org.exchange.projection.replay;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.exchange.projection.ProjectionsApplication;
import org.exchange.projection.lag.CommittedPositions;
import org.exchange.projection.lag.EventTopicEnds;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Rebuilds read models from the event topic while the live ones keep serving (docs/adr/0012): the
 * PostgreSQL tables of one projection or all, and the analytics indices in OpenSearch. A replay runs
 * the projections' own handlers on processors of its own, on threads whose connections use the
 * replay's schema and whose search writes go to the replay's own index ({@link ReadModelSchemas});
 * when they have read the whole topic, the live processors of those projections stop, the replay
 * takes the last events, the aliases move to the rebuilt indices, and one transaction moves the
 * rebuilt tables, tokens and progress rows into the live schema. The live processors then resume
 * from the rebuilt tokens. One replay at a time; its state is kept in {@code replays}, so a restart
 * leaves it stopped and resumable, never half swapped.
 */
@Component
public class Replays implements SmartLifecycle {

    public static final String ALL = "all";

    /** The name under which a replay of several projections keeps its one token (in its own schema). */
    private static final String READER = "replay-reader";

    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final long POLL_MILLIS = 250;
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    enum State { RUNNING, STOPPED, FINISHED, FAILED }

    private final ReplayProperties properties;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FlywayProperties flyway;
    private final TransactionTemplate transactions;
    private final TransactionManager axonTransactions;
    private final TokenStore tokens;
    private final StreamableKafkaMessageSource<String, byte[]> source;
    private final EventProcessingConfiguration processing;
    private final CommittedPositions positions;
    private final EventTopicEnds ends;
    private final EventTopicCompleteness completeness;
    private final AnalyticsIndices analytics;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Run active;
    private volatile boolean lifecycleRunning;

    Replays(ReplayProperties properties, JdbcClient jdbc, DataSource dataSource, FlywayProperties flyway,
            PlatformTransactionManager transactions, TransactionManager axonTransactions, TokenStore tokens,
            StreamableKafkaMessageSource<String, byte[]> source, EventProcessingConfiguration processing,
            CommittedPositions positions, EventTopicEnds ends, EventTopicCompleteness completeness,
            AnalyticsIndices analytics) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.transactions = new TransactionTemplate(transactions);
        this.axonTransactions = axonTransactions;
        this.tokens = tokens;
        this.source = source;
        this.processing = processing;
        this.positions = positions;
        this.ends = ends;
        this.completeness = completeness;
        this.analytics = analytics;
        this.clock = Clock.systemUTC();
        properties.projections().forEach((projection, writes) -> {
            writes.tables().forEach(table -> {
                if (!TABLE.matcher(table).matches()) {
                    throw new IllegalStateException("exchange.replay.projections." + projection + ": not a table name: " + table);
                }
            });
            if (writes.index() != null) {
                analyticsIndex(writes.index());
            }
        });
    }

    private static AnalyticsIndex analyticsIndex(String name) {
        return Arrays.stream(AnalyticsIndex.values()).filter(index -> index.indexName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("exchange.replay.projections: no analytics index " + name));
    }

    /** A projection a replay can rebuild, and the tables or the analytics index it writes. */
    public record Projection(String name, List<String> tables, String index) {
    }

    /** What a replay is doing; the rate and time left only while it runs. */
    public record View(String id, String projection, List<String> processors, String state, long eventsDone,
                       long eventsTotal, Long eventsPerSecond, Long secondsLeft, String startedBy, Instant startedAt,
                       Instant finishedAt, String failure, TopicCheck topicCheck) {
    }

    /** The event topic against the event store, when the replay started. */
    public record TopicCheck(long storeEvents, long highestPosition, long topicRecords) {
    }

    public List<Projection> projections() {
        return properties.projections().entrySet().stream()
                .map(projection -> new Projection(projection.getKey(), projection.getValue().tables(),
                        projection.getValue().index()))
                .toList();
    }

    /** Starts a replay of one projection or of {@link #ALL}; refused while another runs. */
    public View start(String projection, String startedBy) {
        List<String> processors = processorsOf(projection);
        synchronized (lock) {
            refuseWhileAnotherRuns();
            UUID id = UUID.randomUUID();
            String schema = "replay_" + id.toString().replace("-", "").substring(0, 16);
            dropLeftovers();
            jdbc.sql("""
                            insert into replays (replay_id, projection, state, schema_name, started_by, started_at)
                            values (:id, :projection, 'RUNNING', :schema, :by, :at)
                            """)
                    .param("id", id).param("projection", projection).param("schema", schema)
                    .param("by", startedBy).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            launch(new Run(id, schema, processors, false));
            return view(find(id));
        }
    }

    public View stop(UUID id) {
        Row row = find(id);
        Run run = active;
        if (run == null || !run.id.equals(id)) {
            throw new ExchangeException(ErrorCode.ALREADY_IN_STATE, "replay " + id + " is not running (" + row.state + ")");
        }
        run.stopAndWait();
        return view(find(id));
    }

    public View resume(UUID id) {
        synchronized (lock) {
            Row row = find(id);
            if (row.state != State.STOPPED) {
                throw new ExchangeException(ErrorCode.ALREADY_IN_STATE, "replay " + id + " is " + row.state
                        + "; only a stopped replay resumes");
            }
            refuseWhileAnotherRuns();
            setState(id, State.RUNNING, null);
            launch(new Run(id, row.schema, processorsOf(row.projection), true));
        }
        return view(find(id));
    }

    public View view(UUID id) {
        return view(find(id));
    }

    /** The most recent replays, newest first. */
    public List<View> recent(int limit) {
        return jdbc.sql("select * from replays order by started_at desc limit :limit").param("limit", limit)
                .query(Replays::row).list().stream().map(this::view).toList();
    }

    private View view(Row row) {
        Run run = active;
        boolean running = run != null && run.id.equals(row.id) && row.state == State.RUNNING;
        long done = running ? run.done : row.done;
        long total = running ? run.total : row.total;
        Long rate = running ? run.rate() : null;
        Long left = rate == null || rate == 0 ? null : Math.max(0, total - done) / rate;
        TopicCheck check = row.highestPosition == null ? null
                : new TopicCheck(row.storeEvents, row.highestPosition, row.topicRecords);
        return new View(row.id.toString(), row.projection, processorsOf(row.projection), row.state.name(), done, total,
                rate, left, row.startedBy, row.startedAt, row.finishedAt, row.failure, check);
    }

    private List<String> processorsOf(String projection) {
        if (ALL.equals(projection)) {
            return List.copyOf(properties.projections().keySet());
        }
        if (projection == null || !properties.projections().containsKey(projection)) {
            throw new ExchangeException(ErrorCode.UNKNOWN_PROJECTION, "projection must be \"all\" or one of "
                    + properties.projections().keySet());
        }
        return List.of(projection);
    }

    private void refuseWhileAnotherRuns() {
        Run run = active;
        if (run != null) {
            throw new ExchangeException(ErrorCode.REPLAY_IN_PROGRESS, "replay " + run.id + " is running; stop it or "
                    + "wait for it to finish");
        }
    }

    private void launch(Run run) {
        active = run;
        Thread.ofPlatform().name("replay-" + run.id.toString().substring(0, 8)).daemon().start(run);
    }

    /**
     * Schemas earlier replays left: the previous tables of finished ones, and what failed ones built.
     * A stopped replay keeps its schema: it can still be resumed.
     */
    private void dropLeftovers() {
        jdbc.sql("select schema_name from replays where state in ('FINISHED', 'FAILED')").query(String.class).list()
                .forEach(schema -> {
                    jdbc.sql("drop schema if exists " + schema + " cascade").update();
                    jdbc.sql("drop schema if exists " + previous(schema) + " cascade").update();
                });
        // the analytics indices failed replays built (a finished one's index is the live one now)
        List<String> failedIndices = jdbc.sql("select schema_name from replays where state = 'FAILED'")
                .query(String.class).list().stream()
                .flatMap(schema -> Arrays.stream(AnalyticsIndex.values()).map(index -> analytics.replayIndex(index, schema)))
                .toList();
        try {
            analytics.delete(failedIndices);
        } catch (RuntimeException unavailable) {
            log.warn("indices of failed replays not deleted (tried again at the next start): {}", unavailable.toString());
        }
    }

    private static String previous(String schema) {
        return schema + "_previous";
    }

    private Row find(UUID id) {
        return jdbc.sql("select * from replays where replay_id = :id").param("id", id).query(Replays::row).optional()
                .orElseThrow(() -> new ExchangeException(ErrorCode.REPLAY_NOT_FOUND, "no replay " + id));
    }

    private void setState(UUID id, State state, String failure) {
        jdbc.sql("update replays set state = :state, failure = :failure where replay_id = :id")
                .param("state", state.name()).param("failure", failure).param("id", id).update();
    }

    private void saveProgress(UUID id, long done, long total) {
        jdbc.sql("update replays set events_done = :done, events_total = :total where replay_id = :id")
                .param("done", done).param("total", total).param("id", id).update();
    }

    private record Row(UUID id, String projection, State state, String schema, String startedBy, Instant startedAt,
                       Instant finishedAt, long done, long total, Long storeEvents, Long highestPosition,
                       Long topicRecords, String failure) {
    }

    private static Row row(java.sql.ResultSet rows, int index) throws java.sql.SQLException {
        java.sql.Timestamp finished = rows.getTimestamp("finished_at");
        return new Row(rows.getObject("replay_id", UUID.class), rows.getString("projection"),
                State.valueOf(rows.getString("state")), rows.getString("schema_name"), rows.getString("started_by"),
                rows.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rows.getLong("events_done"), rows.getLong("events_total"), rows.getObject("store_events", Long.class),
                rows.getObject("highest_position", Long.class), rows.getObject("topic_records", Long.class),
                rows.getString("failure"));
    }

    // --- lifecycle: a replay interrupted by a restart is stopped; a shutdown stops the running one ---

    @Override
    public void start() {
        int interrupted = jdbc.sql("update replays set state = 'STOPPED' where state = 'RUNNING'").update();
        if (interrupted > 0) {
            log.info("{} replay(s) interrupted by a restart are stopped; resume them with POST …/resume", interrupted);
        }
        lifecycleRunning = true;
    }

    /** Before Axon's processors stop (a later phase stops first): the replay must not restart them. */
    @Override
    public void stop() {
        lifecycleRunning = false;
        Run run = active;
        if (run != null) {
            run.stopAndWait();
        }
    }

    @Override
    public boolean isRunning() {
        return lifecycleRunning;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** One replay's run: its processors, its progress, and the swap at the end. */
    private final class Run implements Runnable {

        private final UUID id;
        private final String schema;
        private final List<String> processors;
        private final boolean resumed;
        private final List<TrackingEventProcessor> replaying = new ArrayList<>();
        private final Deque<long[]> samples = new ArrayDeque<>();
        private volatile boolean stopRequested;
        private volatile boolean ended;
        private volatile long done;
        private volatile long total;

        Run(UUID id, String schema, List<String> processors, boolean resumed) {
            this.id = id;
            this.schema = schema;
            this.processors = processors;
            this.resumed = resumed;
        }

        @Override
        public void run() {
            List<EventProcessor> liveStopped = new ArrayList<>();
            try {
                if (!resumed && !checkTopic()) {
                    return;
                }
                prepareSchema();
                replaying.add(reader());
                replaying.forEach(TrackingEventProcessor::start);
                if (!followUntilCaughtUp(null, properties.batchSize())) {
                    end(State.STOPPED, null);
                    return;
                }
                // the live processors of these projections stop: the replay takes the rest, then swaps
                long lastStarted = System.nanoTime();
                processors.forEach(processor -> liveStopped.add(processing.eventProcessor(processor).orElseThrow()));
                shutDownAll(liveStopped);
                Map<TopicPartition, Long> last = ends.now();
                if (!followUntilCaughtUp(last, 0)) {
                    restart(liveStopped);
                    end(State.STOPPED, null);
                    return;
                }
                shutDownReplaying();
                swap();
                restart(liveStopped);
                log.info("replay {}: live processors paused {} ms (stop, last records, swap, start)", id,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastStarted));
                log.info("replay {} of {} finished: {} events", id, processors, done);
            } catch (Throwable failure) {
                log.error("replay {} failed", id, failure);
                shutDownReplaying();
                restart(liveStopped);
                end(State.FAILED, String.valueOf(failure.getMessage()));
            } finally {
                synchronized (lock) {
                    if (active == this) {
                        active = null;
                    }
                }
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        private boolean checkTopic() throws Exception {
            long started = System.nanoTime();
            EventTopicCompleteness.Check check = completeness.check();
            log.info("replay {}: event topic checked against the event store in {} ms: {}", id,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), check);
            jdbc.sql("""
                            update replays set store_events = :store, highest_position = :highest, topic_records = :records
                             where replay_id = :id
                            """)
                    .param("store", check.storeEvents()).param("highest", check.highestPosition())
                    .param("records", check.topicRecords()).param("id", id).update();
            if (!check.complete()) {
                end(State.FAILED, "the event topic is not complete: " + check.problem());
                return false;
            }
            return true;
        }

        /** The replay's schema with every read-model table (idempotent: a resumed replay has it already). */
        private void prepareSchema() {
            Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                    .locations(flyway.getLocations().toArray(String[]::new)).load().migrate();
            ReadModelSchemas.in(schema, () -> transactions.execute(status -> {
                ProjectionsApplication.readFromTheStart(tokens, readerName());
                return null;
            }));
        }

        /**
         * The name the replay's reader keeps its token under: the processor's own for a replay of one
         * projection, else one name for all (its token is every one of them's at the swap).
         */
        private String readerName() {
            return processors.size() == 1 ? processors.getFirst() : READER;
        }

        /**
         * One tracking processor that reads the topic once for all the replayed projections and hands
         * each record to each live processor's handlers (their {@code EventHandlerInvoker}s, progress
         * recorders included), in one transaction per batch. Reading, converting and deserializing
         * each record once instead of once per projection is most of what a replay of all costs
         * (docs/benchmarks.md).
         */
        private TrackingEventProcessor reader() {
            List<EventHandlerInvoker> invokers = processors.stream()
                    .map(processor -> ((AbstractEventProcessor) processing.eventProcessor(processor)
                            .orElseThrow(() -> new IllegalStateException("no event processor " + processor)))
                            .eventHandlerInvoker())
                    .toList();
            TrackingEventProcessorConfiguration configuration = TrackingEventProcessorConfiguration
                    .forSingleThreadedProcessing()
                    .andBatchSize(properties.batchSize())
                    .andThreadFactory(name -> ReadModelSchemas.threadsOn(schema, "replay-" + name));
            return TrackingEventProcessor.builder()
                    .name(readerName())
                    .eventHandlerInvoker(invokers.size() == 1 ? invokers.getFirst() : new MultiEventHandlerInvoker(invokers))
                    .messageSource(source)
                    .tokenStore(tokens)
                    .transactionManager(axonTransactions)
                    .trackingEventProcessorConfiguration(configuration)
                    .build();
        }

        /**
         * Follows the replay's processors until each has applied the topic up to {@code target} (null:
         * up to its end, re-read each time, so records arriving meanwhile count too) but {@code slack}
         * records; false if stopped.
         */
        private boolean followUntilCaughtUp(Map<TopicPartition, Long> target, long slack) throws Exception {
            long lastSaved = System.nanoTime();
            while (true) {
                if (stopRequested) {
                    shutDownReplaying();
                    return false;
                }
                for (TrackingEventProcessor processor : replaying) {
                    if (processor.isError()) {
                        log.warn("replay {}: processor {} is failing and retrying", id, processor.getName());
                    }
                }
                Map<TopicPartition, Long> until = target == null ? ends.now() : target;
                // the reader's committed token: what every replayed projection has applied
                Map<TopicPartition, Long> applied = ReadModelSchemas.in(schema, () -> positions.of(readerName()));
                sample(EventTopicEnds.applied(applied, until), EventTopicEnds.records(until));
                if (System.nanoTime() - lastSaved > TimeUnit.SECONDS.toNanos(5)) {
                    saveProgress(id, done, total);
                    lastSaved = System.nanoTime();
                }
                if (total - done <= slack) {
                    return true;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }

        private synchronized void sample(long done, long total) {
            this.done = done;
            this.total = total;
            long now = System.nanoTime();
            samples.addLast(new long[]{now, done});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
                samples.removeFirst();
            }
        }

        /** Events per second over the last ten seconds; null before there are two samples. */
        synchronized Long rate() {
            if (samples.size() < 2) {
                return null;
            }
            long[] first = samples.peekFirst();
            long[] last = samples.peekLast();
            long nanos = last[0] - first[0];
            return nanos <= 0 ? null : (last[1] - first[1]) * 1_000_000_000L / nanos;
        }

        /**
         * First the aliases of the rebuilt analytics indices move to them (one atomic alias update
         * each). Then one transaction: the live tables of these projections move to schema
         * {@code <replay>_previous}, the rebuilt ones into the live schema, and their tokens and progress
         * rows replace the live ones. PostgreSQL's DDL is transactional: it happens entirely or not at
         * all. Should it fail after an alias moved, the rebuilt index is complete and the live
         * processor, resuming from its older token, applies again what it holds: every write is
         * idempotent. The indices the aliases left are deleted before the transaction, for the same
         * reason.
         */
        private void swap() {
            String live = liveSchema();
            List<String> tables = processors.stream()
                    .flatMap(processor -> properties.projections().get(processor).tables().stream()).toList();
            List<String> replacedIndices = new ArrayList<>();
            processors.stream().map(processor -> properties.projections().get(processor).index())
                    .filter(java.util.Objects::nonNull)
                    .forEach(index -> replacedIndices.addAll(analytics.switchTo(analyticsIndex(index), schema)));
            analytics.delete(replacedIndices);
            transactions.executeWithoutResult(status -> {
                jdbc.sql("create schema if not exists " + previous(schema)).update();
                for (String table : tables) {
                    jdbc.sql("alter table " + live + "." + table + " set schema " + previous(schema)).update();
                    jdbc.sql("alter table " + schema + "." + table + " set schema " + live).update();
                }
                jdbc.sql("delete from " + live + ".projection_progress where processor in (:processors)")
                        .param("processors", processors).update();
                jdbc.sql("insert into " + live + ".projection_progress select * from " + schema
                                + ".projection_progress where processor in (:processors)")
                        .param("processors", processors).update();
                // every replayed processor resumes from the reader's token
                jdbc.sql("delete from " + live + ".token_entry where processor_name in (:processors)")
                        .param("processors", processors).update();
                for (String processor : processors) {
                    jdbc.sql("insert into " + live + ".token_entry (processor_name, segment, owner, timestamp, token, "
                                    + "token_type) select :processor, segment, null, timestamp, token, token_type from "
                                    + schema + ".token_entry where processor_name = :reader")
                            .param("processor", processor).param("reader", readerName()).update();
                }
                jdbc.sql("""
                                update replays set state = 'FINISHED', finished_at = :at, events_done = :done,
                                       events_total = :total, failure = null
                                 where replay_id = :id
                                """)
                        .param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("done", done)
                        .param("total", total).param("id", id).update();
            });
            try {
                jdbc.sql("drop schema if exists " + schema + " cascade").update();
            } catch (RuntimeException failure) {
                log.warn("replay {} finished; its schema {} is left (dropped when the next replay starts): {}", id,
                        schema, failure.toString());
            }
        }

        private String liveSchema() {
            return jdbc.sql("select current_schema()").query(String.class).single();
        }

        private void restart(List<EventProcessor> stopped) {
            if (!lifecycleRunning) {
                return; // shutting down: Axon stops (and next time starts) the live processors itself
            }
            stopped.forEach(EventProcessor::start);
        }

        private void shutDownReplaying() {
            shutDownAll(replaying);
        }

        /** All at once: each waits for its worker to finish a batch or an empty poll of the topic. */
        private static void shutDownAll(List<? extends EventProcessor> processors) {
            CompletableFuture.allOf(processors.stream().map(EventProcessor::shutdownAsync)
                    .toArray(CompletableFuture[]::new)).join();
        }

        private void end(State state, String failure) {
            saveProgress(id, done, total);
            setState(id, state, failure);
        }

        void stopAndWait() {
            stopRequested = true;
            synchronized (this) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!ended && System.nanoTime() < deadline) {
                    try {
                        wait(500);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
