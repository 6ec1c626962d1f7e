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
        ReceivedEvent event = reader.read(record);
        String leadId = event.payload().hasNonNull("leadId") ? event.payload().get("leadId").asText() : null;
        try (Correlation ids = Correlation.ofEvent(leadId, event.id(), event.type())) {
            applyOnce(consumer, event, effect);
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
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                retries(consumer).increment();
                LOG.warnf("%s: transient failure applying %s %s, retrying in %d ms: %s", consumer, event.type(),
                        event.id(), BACKOFF.after(failures).toMillis(), rootMessage(e));
                pause(BACKOFF.after(failures));
            }
        }
    }

    /** How often a consumer waited for the database: a count that climbs is an outage operations should see. */
    private Counter retries(String consumer) {
        return Counter.builder("followup.consumer.transient.retries").tag("consumer", consumer)
                .description("Records whose transaction failed for a transient database reason and were retried")
                .register(meters);
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
