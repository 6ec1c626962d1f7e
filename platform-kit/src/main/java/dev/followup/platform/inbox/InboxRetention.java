package dev.followup.platform.inbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Forgets inbox entries older than {@code followup.inbox.retention} (default 30 days, well beyond the topics'
 * retention, so no record that can still be redelivered is forgotten). Deletes in small batches so no long lock
 * is held; every replica may run it, the deletes are idempotent.
 */
@ApplicationScoped
public class InboxRetention {
    private static final Logger LOG = Logger.getLogger(InboxRetention.class);
    private static final int BATCH = 5_000;

    private final EntityManager entityManager;
    private final Duration retention;

    public InboxRetention(EntityManager entityManager,
            @ConfigProperty(name = "followup.inbox.retention", defaultValue = "P30D") Duration retention) {
        this.entityManager = entityManager;
        this.retention = retention;
    }

    @Scheduled(every = "${followup.inbox.retention-check:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void forgetOldEntries() {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(this::deleteBatch);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Inbox retention: forgot %d entries older than %s", total, retention);
        }
    }

    int deleteBatch() {
        return entityManager.createNativeQuery("""
                delete from inbox_event where ctid in (
                    select ctid from inbox_event where received_at < now() - cast(?1 as interval) limit ?2)""")
                .setParameter(1, retention.toSeconds() + " seconds")
                .setParameter(2, BATCH)
                .executeUpdate();
    }
}
