package dev.followup.platform.inbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.platform.events.EventReader;
import dev.followup.platform.events.PoisonRecordException;
import dev.followup.platform.events.ReceivedEvent;
import dev.followup.platform.logging.Correlation;
import dev.followup.platform.retry.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one way a service applies a record from Kafka: read and validate it, then apply its effect and record it
 * in the inbox in one transaction.
 * <ul>
 * <li>A poison record (unreadable, off-contract, or rejected by the effect with {@link PoisonRecordException})
 * is rethrown at once; the channel's dead-letter-queue failure strategy moves it aside.</li>
 * <li>A transient database failure (connection lost, deadlock, serialisation failure, server shutting down) is
 * retried with capped exponential backoff, so a database restart delays records instead of dead-lettering
 * them. Past {@code followup.consumer.transient-retry-limit} the record goes to the dead-letter topic too.</li>
 * </ul>
 */
@ApplicationScoped
public class InboundEvents {
    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    private static final String DEAD_LETTERS = "followup.dead.letters";
    private static final String DEAD_LETTERS_HELP = "Records sent to the consumer's dead-letter topic";
    private static final String DUPLICATES = "followup.inbox.duplicates";
    private static final String DUPLICATES_HELP = "Records dropped because the inbox had applied them";
    private static final String RETRIES = "followup.consumer.transient.retries";
    private static final String RETRIES_HELP = "Records whose transaction failed for a transient database reason and were retried";

    private final java.util.Map<String, Boolean> declared = new java.util.concurrent.ConcurrentHashMap<>();
    private final EventReader reader;
    private final Inbox inbox;
    private final Duration transientRetryLimit;
    private final MeterRegistry meters;

    public InboundEvents(EventReader reader, Inbox inbox, MeterRegistry meters,
            @ConfigProperty(name = "followup.consumer.transient-retry-limit", defaultValue = "10M") Duration transientRetryLimit) {
        this.reader = reader;
        this.inbox = inbox;
        this.meters = meters;
        this.transientRetryLimit = transientRetryLimit;
    }

    /**
     * @param consumer the inbox name of this consumer (one per service and stream, e.g. {@code cadence.lead-events})
     * @param effect what the event does, run inside the transaction that also records it in the inbox
     */
    public void apply(String consumer, ConsumerRecord<String, byte[]> record, Consumer<ReceivedEvent> effect) {
        declared.computeIfAbsent(consumer, this::declare);
        try {
            ReceivedEvent event = reader.read(record);
            String leadId = event.payload().hasNonNull("leadId") ? event.payload().get("leadId").asText() : null;
            try (Correlation ids = Correlation.ofEvent(leadId, event.id(), event.type())) {
                applyOnce(consumer, event, effect);
            }
        } catch (RuntimeException e) {
            // Whatever leaves here goes to the channel's dead-letter topic (its failure strategy).
            counter(DEAD_LETTERS, consumer, DEAD_LETTERS_HELP).increment();
            throw e;
        }
    }

    private void applyOnce(String consumer, ReceivedEvent event, Consumer<ReceivedEvent> effect) {
        long deadline = System.nanoTime() + transientRetryLimit.toNanos();
        for (int failures = 1; ; failures++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (inbox.firstDelivery(consumer, event.id())) {
                        effect.accept(event);
                    } else {
                        LOG.debugf("%s: event %s already applied, skipped", consumer, event.id());
                        counter(DUPLICATES, consumer, DUPLICATES_HELP).increment();
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                counter(RETRIES, consumer, RETRIES_HELP).increment();
                LOG.warnf("%s: transient failure applying %s %s, retrying in %d ms: %s", consumer, event.type(),
                        event.id(), BACKOFF.after(failures).toMillis(), rootMessage(e));
                pause(BACKOFF.after(failures));
            }
        }
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

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException) {
                return false;
            }
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() >= 2 && TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
                // Agroal's pool reports an unreachable database as an acquisition timeout without a SQL state.
                if (state == null && String.valueOf(sql.getMessage()).contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
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
