package dev.followup.platform.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Remembers which events a consumer has already applied. The rows are written in the same transaction as the
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
        return !firstDeliveries(consumer, List.of(eventId)).isEmpty();
    }

    /**
     * Records a poll's worth of event ids in one statement.
     *
     * @return the ids this consumer sees for the first time; the others were applied before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, List<UUID> eventIds) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox_event (consumer, event_id, received_at)
                    select ?, id, now() from unnest(?) as id
                    on conflict do nothing returning event_id""")) {
                insert.setString(1, consumer);
                insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
                Set<UUID> first = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getObject(1, UUID.class));
                    }
                }
                return first;
            }
        });
    }
}
