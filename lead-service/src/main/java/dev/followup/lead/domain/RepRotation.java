package dev.followup.lead.domain;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.followup.platform.cache.ShortLivedCache;

/**
 * Round-robin among a dealer's active reps (role rep, in creation order), driven by one PostgreSQL sequence per
 * dealer. A sequence is never rolled back and never waits for another transaction, so a dealer's leads do not queue
 * behind each other's commits, as they did behind a counter row's lock (docs/benchmarks.md). A lead whose intake
 * rolls back skips one turn. The dealer's reps are read for every lead, so the list is held for a short time
 * ({@link ShortLivedCache}): a rep added or deactivated through another replica takes its turns within seconds.
 */
@ApplicationScoped
public class RepRotation {
    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final ShortLivedCache<UUID, List<UUID>> reps;

    public RepRotation(EntityManager em, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "followup.settings-cache.ttl", defaultValue = "PT10S") Duration ttl) {
        this.em = em;
        this.transactions = transactions;
        this.reps = new ShortLivedCache<>(ttl, 10_000);
    }

    /** The dealer's reps changed (in the caller's transaction): the next lead reads them again. */
    public void repsChanged(UUID dealerId) {
        reps.invalidate(dealerId, transactions);
    }

    /** Creates the dealer's sequence, in the transaction that creates the dealer. */
    public void createFor(UUID dealerId) {
        em.createNativeQuery("create sequence if not exists " + sequenceOf(dealerId)).executeUpdate();
    }

    /** @return the next rep, or null when the dealer has no active rep */
    public UUID next(UUID dealerId) {
        List<UUID> active = reps.get(dealerId, this::activeReps);
        if (active.isEmpty()) {
            return null;
        }
        Number turn = (Number) em.createNativeQuery("select nextval(cast(?1 as regclass))")
                .setParameter(1, sequenceOf(dealerId)).getSingleResult();
        return active.get((int) Math.floorMod(turn.longValue() - 1, (long) active.size()));
    }

    private List<UUID> activeReps(UUID dealerId) {
        // Untyped on purpose: Hibernate 7.4 caches a native query typed with a scalar class under a new
        // key per execution, and the plan cache then slows every call (docs/benchmarks.md).
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(
                "select id from rep where dealer_id = ?1 and active and role = 'rep' order by created_at, id")
                .setParameter(1, dealerId).getResultList();
        return List.copyOf(ids);
    }

    /** A name made of the dealer's id only (hex digits), so it is safe to put in DDL. */
    private static String sequenceOf(UUID dealerId) {
        return "rep_rotation_" + dealerId.toString().replace("-", "");
    }
}
