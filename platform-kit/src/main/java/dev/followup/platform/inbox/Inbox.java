package dev.followup.platform.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which events a consumer has already applied. The row is written in the same transaction as the
 * consumer's effect, so a redelivered event (rebalance, crash before the offset commit, a replayed dead letter)
 * is recognised and skipped. A concurrent second delivery waits on the unique key and then sees the first.
 */
@ApplicationScoped
public class Inbox {
    private final EntityManager entityManager;

    public Inbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return true the first time this consumer sees the event id, false on every later delivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        int inserted = entityManager.createNativeQuery("""
                insert into inbox_event (consumer, event_id, received_at) values (?1, ?2, now())
                on conflict do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
