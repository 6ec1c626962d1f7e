package dev.followup.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.platform.events.CloudEventHeaders;
import dev.followup.platform.kafka.KafkaClientConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes outbox rows to Kafka, then deletes them.
 * <p>
 * The table is split into shards by record key. A relay works on a shard only while it holds that shard's
 * transaction-scoped advisory lock, so several replicas can run relays at once without publishing the same row
 * twice in steady state, and one key's events are always sent in outbox order by a single producer (idempotent,
 * so broker retries keep per-partition order). A pass takes every shard it can in one transaction, so publishing
 * costs a few statements per pass, not per shard. The rows' deletion commits only after the broker acknowledged
 * them: a crash in between publishes them again on restart (at least once; consumers de-duplicate by {@code ce_id}).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** First half of the two-int advisory lock key; the shard is the second. */
    private static final int ADVISORY_LOCK_CLASS = 0x0b0c5;

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final boolean enabled;
    private final int shards;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration sendTimeout;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(AgroalDataSource dataSource,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry meters,
            @ConfigProperty(name = "followup.outbox.relay-enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "followup.outbox.shards", defaultValue = "8") int shards,
            @ConfigProperty(name = "followup.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "followup.outbox.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "followup.outbox.send-timeout", defaultValue = "PT30S") Duration sendTimeout) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.enabled = enabled;
        this.shards = shards;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.sendTimeout = sendTimeout;
        this.published = Counter.builder("outbox.published").description("Outbox events published to Kafka")
                .register(meters);
    }

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            start();
        } else {
            LOG.info("Outbox relay disabled by configuration");
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        LOG.infof("Outbox relay started: %d shards, batches of %d", shards, batchSize);
    }

    /** Finishes the batch in hand, then stops; what is left stays in the table for the next relay. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            worker.join(sendTimeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        LOG.info("Outbox relay stopped");
    }

    public boolean isRunning() {
        return running;
    }

    /** Called after a transaction that wrote to the outbox has committed. */
    public void wakeUp() {
        wake.release();
    }

    private void run() {
        boolean woken = true;
        while (running) {
            try {
                // A full batch means more may be waiting; otherwise the next commit's wake (perhaps already given
                // during this pass) starts the next pass, so no pass runs only to find the table empty.
                if (relayPass(woken) < batchSize) {
                    woken = wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay pass failed, retrying after %d ms: %s", pollInterval.toMillis(), e.toString());
                sleepQuietly(pollInterval.multipliedBy(4));
            }
        }
    }

    /**
     * One transaction: locks every shard no other relay holds, takes (deletes) up to a batch of their events in outbox
     * order, publishes them and commits once the broker has acknowledged them all. A failure rolls the delete back.
     *
     * @param woken whether a commit woke the relay; after a quiet poll interval it first looks whether anything is
     *        there at all, so an idle service costs the database one cheap query a poll
     * @return how many events were published
     */
    int relayPass(boolean woken) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            if (!woken && !anyPending(connection)) {
                return 0;
            }
            connection.setAutoCommit(false);
            try {
                Array locked = lockFreeShards(connection);
                List<PendingEvent> batch = take(connection, locked);
                if (!batch.isEmpty()) {
                    sendAndAwait(batch);
                }
                connection.commit();
                published.increment(batch.size());
                return batch.size();
            } catch (SQLException | InterruptedException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static boolean anyPending(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select exists (select 1 from outbox_event)");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The shards this relay now holds until its transaction ends (transaction-scoped advisory locks). */
    private Array lockFreeShards(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select array(select s from generate_series(0, ? - 1) s where pg_try_advisory_xact_lock(?, s))")) {
            lock.setInt(1, shards);
            lock.setInt(2, ADVISORY_LOCK_CLASS);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getArray(1);
            }
        }
    }

    /** Deletes and returns the oldest events of the locked shards, in outbox order. */
    private List<PendingEvent> take(Connection connection, Array lockedShards) throws SQLException {
        List<PendingEvent> batch = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement("""
                delete from outbox_event where seq in (
                    select seq from outbox_event where shard = any(?) order by seq limit ?)
                returning seq, event_id, topic, event_key, event_type, source, occurred_at, payload""")) {
            delete.setArray(1, lockedShards);
            delete.setInt(2, batchSize);
            try (ResultSet rs = delete.executeQuery()) {
                while (rs.next()) {
                    batch.add(new PendingEvent(rs.getLong(1), rs.getObject(2).toString(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7), rs.getString(8)));
                }
            }
        }
        batch.sort(Comparator.comparingLong(PendingEvent::seq));
        return batch;
    }

    private void sendAndAwait(List<PendingEvent> batch) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            acks.add(producer.send(event.toRecord()));
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("broker did not acknowledge an outbox event", e);
            }
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = KafkaClientConfig.only(kafkaConfig, ProducerConfig.configNames());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return config;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record PendingEvent(long seq, String eventId, String topic, String key, String type, String source,
            Timestamp occurredAt, String payload) {
        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            header(record, CloudEventHeaders.ID, eventId);
            header(record, CloudEventHeaders.TYPE, type);
            header(record, CloudEventHeaders.SOURCE, source);
            header(record, CloudEventHeaders.TIME, occurredAt.toInstant().toString());
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            return record;
        }

        private static void header(ProducerRecord<String, String> record, String name, String value) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
