package dev.followup.messaging.domain.email;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who may not be emailed, per dealer and address, with the evidence of every change (one-click unsubscribe, the
 * link in an email, a hard bounce). A suppression holds until the same address subscribes again at the same dealer.
 */
@ApplicationScoped
public class EmailSuppressions {
    public static final String ONE_CLICK = "one-click";
    public static final String LINK = "link";
    public static final String BOUNCE = "bounce";

    private final EntityManager entityManager;

    public EmailSuppressions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isSuppressed(UUID dealerId, String address) {
        List<?> rows = entityManager.createNativeQuery(
                "select suppressed from email_suppression where dealer_id = ?1 and address = ?2")
                .setParameter(1, dealerId).setParameter(2, address).getResultList();
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0));
    }

    /** @return true when the address was not suppressed before (the first unsubscribe, not a repeated click) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean suppress(UUID dealerId, String address, String source, UUID emailId, String detail, Instant at) {
        entityManager.createNativeQuery("""
                insert into email_suppression_evidence (dealer_id, address, suppressed, source, email_id, detail, recorded_at)
                values (?1, ?2, true, ?3, ?4, ?5, ?6)""")
                .setParameter(1, dealerId).setParameter(2, address).setParameter(3, source).setParameter(4, emailId)
                .setParameter(5, detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail)
                .setParameter(6, at).executeUpdate();
        return entityManager.createNativeQuery("""
                insert into email_suppression (dealer_id, address, suppressed, changed_at) values (?1, ?2, true, ?3)
                on conflict (dealer_id, address) do update set suppressed = true, changed_at = excluded.changed_at
                where not email_suppression.suppressed""")
                .setParameter(1, dealerId).setParameter(2, address).setParameter(3, at).executeUpdate() == 1;
    }
}
