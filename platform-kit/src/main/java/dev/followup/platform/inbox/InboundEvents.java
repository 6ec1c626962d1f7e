package dev.followup.platform.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.platform.events.EventReader;
import dev.followup.platform.events.ReceivedEvent;
import dev.followup.platform.kafka.DeadLetterWriter;
import dev.followup.platform.logging.Correlation;
import dev.followup.platform.retry.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one way a service applies records from Kafka: a poll's records are read and validated, then applied in one
 * transaction that also records each of them in the inbox, so a redelivered record has no second effect.
 * <ul>
 * <li>One transaction and one commit per poll: what a record costs does not include a transaction of its own. The
 * records are applied in their partition's order (a stable sort by key keeps each key's order and makes concurrent
 * batches lock leads in the same order).</li>
 * <li>A poison record (unreadable, off-contract, or rejected by its effect) goes to the channel's dead-letter topic;
 * when an effect fails, the batch is rolled back and its records are applied one per transaction, so only the
 * failing one is dead-lettered and the records behind it are applied.</li>
 * <li>A transient database failure (connection lost, deadlock, serialisation failure, server shutting down) is
 * retried with capped exponential backoff, so a database restart delays records instead of dead-lettering them.
 * Past {@code followup.consumer.transient-retry-limit} a record goes to the dead-letter topic too.</li>
 * </ul>
 */
@ApplicationScoped
public class InboundEvents {
    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final Comparator<Delivery> BY_KEY = Comparator.comparing(d -> d.record().key(),
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private static final String DEAD_LETTERS = "followup.dead.letters";
    private static final String DEAD_LETTERS_HELP = "Records sent to the consumer's dead-letter topic";
    private static final String DUPLICATES = "followup.inbox.duplicates";
    private static final String DUPLICATES_HELP = "Records dropped because the inbox had applied them";
    private static final String RETRIES = "followup.consumer.transient.retries";
    private static final String RETRIES_HELP = "Records whose transaction failed for a transient database reason and were retried";
    private static final String BATCH = "followup.consumer.batch.records";
    private static final String BATCH_HELP = "Records a consumer applied together in one transaction (one poll's worth)";

    private final ConcurrentHashMap<String, Boolean> declared = new ConcurrentHashMap<>();
    private final EventReader reader;
    private final Inbox inbox;
    private final EntityManager entityManager;
    private final DeadLetterWriter deadLetters;
    private final Duration transientRetryLimit;
    private final MeterRegistry meters;

    public InboundEvents(EventReader reader, Inbox inbox, EntityManager entityManager, DeadLetterWriter deadLetters,
            MeterRegistry meters,
            @ConfigProperty(name = "followup.consumer.transient-retry-limit", defaultValue = "10M") Duration transientRetryLimit) {
        this.reader = reader;
        this.inbox = inbox;
        this.entityManager = entityManager;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.transientRetryLimit = transientRetryLimit;
    }

    private record Delivery(ConsumerRecord<String, byte[]> record, ReceivedEvent event) {
    }

    /**
     * @param channel the incoming channel the records came from (its {@code dead-letter-queue.topic} receives the
     *        records that cannot be applied)
     * @param consumer the inbox name of this consumer (one per service and stream, e.g. {@code cadence.lead-events})
     * @param records one poll's records (the channel runs with {@code batch=true})
     * @param effect what an event does, run inside the transaction that also records it in the inbox
     */
    public void applyAll(String channel, String consumer, Iterable<ConsumerRecord<String, byte[]>> records,
            Consumer<ReceivedEvent> effect) {
        declared.computeIfAbsent(consumer, this::declare);
        List<Delivery> deliveries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                deliveries.add(new Delivery(record, reader.read(record)));
            } catch (RuntimeException e) {
                deadLetter(channel, consumer, record, e);
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        deliveries.sort(BY_KEY);
        DistributionSummary.builder(BATCH).tag("consumer", consumer).description(BATCH_HELP).register(meters)
                .record(deliveries.size());
        try {
            applyTogether(consumer, deliveries, effect);
        } catch (RuntimeException batchFailure) {
            if (deliveries.size() == 1) {
                deadLetter(channel, consumer, deliveries.get(0).record(), batchFailure);
                return;
            }
            LOG.infof("%s: a batch of %d records failed (%s); applying them one at a time", consumer,
                    deliveries.size(), rootMessage(batchFailure));
            for (Delivery delivery : deliveries) {
                try {
                    applyTogether(consumer, List.of(delivery), effect);
                } catch (RuntimeException e) {
                    deadLetter(channel, consumer, delivery.record(), e);
                }
            }
        }
    }

    /** Applies the deliveries in one transaction, retrying it while it fails for a transient reason. */
    private void applyTogether(String consumer, List<Delivery> deliveries, Consumer<ReceivedEvent> effect) {
        long deadline = System.nanoTime() + transientRetryLimit.toNanos();
        List<UUID> ids = deliveries.stream().map(d -> d.event().id()).toList();
        for (int failures = 1; ; failures++) {
            try {
                int duplicates = QuarkusTransaction.requiringNew().call(() -> applyInTransaction(consumer, deliveries, ids, effect));
                if (duplicates > 0) {
                    counter(DUPLICATES, consumer, DUPLICATES_HELP).increment(duplicates);
                }
                return;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                counter(RETRIES, consumer, RETRIES_HELP).increment(deliveries.size());
                LOG.warnf("%s: transient failure applying %d record(s), retrying in %d ms: %s", consumer,
                        deliveries.size(), BACKOFF.after(failures).toMillis(), rootMessage(e));
                pause(BACKOFF.after(failures));
            }
        }
    }

    /** @return how many of the deliveries the inbox had seen before (skipped) */
    private int applyInTransaction(String consumer, List<Delivery> deliveries, List<UUID> ids, Consumer<ReceivedEvent> effect) {
        Set<UUID> first = inbox.firstDeliveries(consumer, ids);
        Set<UUID> applied = new HashSet<>();
        int duplicates = 0;
        for (Delivery delivery : deliveries) {
            ReceivedEvent event = delivery.event();
            if (!first.contains(event.id()) || !applied.add(event.id())) {
                LOG.debugf("%s: event %s already applied, skipped", consumer, event.id());
                duplicates++;
                continue;
            }
            String leadId = event.payload().hasNonNull("leadId") ? event.payload().get("leadId").asText() : null;
            try (Correlation correlation = Correlation.ofEvent(leadId, event.id(), event.type())) {
                effect.accept(event);
            }
            if (deliveries.size() > 1) {
                // Each record's work is written and forgotten before the next: the session stays small, so a flush
                // (before every native query) does not re-check the entities of every earlier record.
                entityManager.flush();
                entityManager.clear();
            }
        }
        return duplicates;
    }

    private void deadLetter(String channel, String consumer, ConsumerRecord<String, byte[]> record, RuntimeException reason) {
        if (Thread.currentThread().isInterrupted()) {
            throw reason; // stopping: the record is not committed and comes back to whoever consumes next
        }
        deadLetters.write(channel, record, reason);
        counter(DEAD_LETTERS, consumer, DEAD_LETTERS_HELP).increment();
    }

    /** A consumer's counters exist from its first record on, at zero until something happens. */
    private Boolean declare(String consumer) {
        counter(DEAD_LETTERS, consumer, DEAD_LETTERS_HELP);
        counter(DUPLICATES, consumer, DUPLICATES_HELP);
        counter(RETRIES, consumer, RETRIES_HELP);
        return Boolean.TRUE;
    }

    /** Per consumer: transient retries (a count that climbs is an outage), duplicates dropped, dead letters. */
    private Counter counter(String name, String consumer, String description) {
        return Counter.builder(name).tag("consumer", consumer).description(description).register(meters);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
