package dev.followup.lead.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Round-robin among a dealer's active reps (role rep, in creation order), driven by one PostgreSQL sequence per
 * dealer. A sequence is never rolled back and never waits for another transaction, so a dealer's leads do not queue
 * behind each other's commits, as they did behind a counter row's lock (docs/benchmarks.md). A lead whose intake
 * rolls back skips one turn.
 */
@ApplicationScoped
public class RepRotation {
    private final EntityManager em;

    public RepRotation(EntityManager em) {
        this.em = em;
    }

    /** Creates the dealer's sequence, in the transaction that creates the dealer. */
    public void createFor(UUID dealerId) {
        em.createNativeQuery("create sequence if not exists " + sequenceOf(dealerId)).executeUpdate();
    }

    /** @return the next rep, or null when the dealer has no active rep */
    public UUID next(UUID dealerId) {
        // Untyped on purpose: Hibernate 7.4 caches a native query typed with a scalar class under a new
        // key per execution, and the plan cache then slows every call (docs/benchmarks.md).
        @SuppressWarnings("unchecked")
        List<UUID> reps = em.createNativeQuery(
                "select id from rep where dealer_id = ?1 and active and role = 'rep' order by created_at, id")
                .setParameter(1, dealerId).getResultList();
        if (reps.isEmpty()) {
            return null;
        }
        Number turn = (Number) em.createNativeQuery("select nextval(cast(?1 as regclass))")
                .setParameter(1, sequenceOf(dealerId)).getSingleResult();
        return reps.get((int) Math.floorMod(turn.longValue() - 1, (long) reps.size()));
    }

    /** A name made of the dealer's id only (hex digits), so it is safe to put in DDL. */
    private static String sequenceOf(UUID dealerId) {
        return "rep_rotation_" + dealerId.toString().replace("-", "");
    }
}
