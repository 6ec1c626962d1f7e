package dev.followup.messaging.domain.reply;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who may not be texted, per dealer and E.164 number, with the evidence of every change (when, which words, which
 * reply or message). An opt-out holds until the same number opts back in at the same dealer.
 */
@ApplicationScoped
public class OptOutLedger {
    public static final String SOURCE_REPLY = "reply";
    public static final String SOURCE_TWILIO = "twilio-error";

    private final EntityManager entityManager;

    public OptOutLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isOptedOut(UUID dealerId, String phone) {
        List<?> rows = entityManager.createNativeQuery("select opted_out from opt_out where dealer_id = ?1 and phone = ?2")
                .setParameter(1, dealerId).setParameter(2, phone).getResultList();
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0));
    }

    /**
     * Records the evidence and sets the state.
     *
     * @return true when the number's state changed (an opt-in of a number that never opted out changes nothing)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(UUID dealerId, String phone, boolean optOut, String words, String source, UUID replyId,
            UUID messageId, Instant at) {
        entityManager.createNativeQuery("""
                insert into opt_out_evidence (dealer_id, phone, opted_out, words, source, reply_id, message_id, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, dealerId).setParameter(2, phone).setParameter(3, optOut)
                .setParameter(4, truncate(words, 200)).setParameter(5, source).setParameter(6, replyId)
                .setParameter(7, messageId).setParameter(8, at).executeUpdate();
        int changed = entityManager.createNativeQuery("""
                insert into opt_out (dealer_id, phone, opted_out, changed_at) values (?1, ?2, ?3, ?4)
                on conflict (dealer_id, phone) do update set opted_out = excluded.opted_out, changed_at = excluded.changed_at
                where opt_out.opted_out <> excluded.opted_out""")
                .setParameter(1, dealerId).setParameter(2, phone).setParameter(3, optOut).setParameter(4, at)
                .executeUpdate();
        // A first row saying "may be texted" is not a change: nobody had blocked the number.
        return changed == 1 && (optOut || wasOptedOutBefore(dealerId, phone));
    }

    /** The evidence keeps that the opt-out was confirmed, and when. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmationSent(UUID dealerId, String phone, UUID replyId, Instant at) {
        entityManager.createNativeQuery("""
                update opt_out_evidence set confirmation_sent_at = ?1 where dealer_id = ?2 and phone = ?3 and reply_id = ?4""")
                .setParameter(1, at).setParameter(2, dealerId).setParameter(3, phone).setParameter(4, replyId).executeUpdate();
    }

    private boolean wasOptedOutBefore(UUID dealerId, String phone) {
        Number earlierOptOuts = (Number) entityManager.createNativeQuery("""
                select count(*) from opt_out_evidence where dealer_id = ?1 and phone = ?2 and opted_out""")
                .setParameter(1, dealerId).setParameter(2, phone).getSingleResult();
        return earlierOptOuts.longValue() > 0;
    }

    public static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
