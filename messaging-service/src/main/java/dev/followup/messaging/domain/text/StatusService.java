package dev.followup.messaging.domain.text;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.RefusalReason;
import dev.followup.messaging.domain.reply.OptOutLedger;
import dev.followup.platform.time.MovableClock;

/**
 * Applies Twilio status callbacks: each (message, status) once, forward moves only, message.status-changed.v1 on
 * every forward move. A callback for a sid not recorded yet (Twilio can call back before the send's answer is
 * stored) waits in status_callback and is applied when the sid is recorded.
 */
@ApplicationScoped
public class StatusService {
    private static final Logger LOG = Logger.getLogger(StatusService.class);

    private final EntityManager entityManager;
    private final MessagingEvents events;
    private final OptOutLedger optOuts;
    private final Clock clock;

    public StatusService(EntityManager entityManager, MessagingEvents events, OptOutLedger optOuts, MovableClock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    public record Callback(String providerSid, String status, Integer errorCode) {
    }

    @Transactional
    public void receive(Callback callback) {
        lockSid(callback.providerSid());
        Instant now = clock.instant();
        OutboundMessage message = OutboundMessage.<OutboundMessage>find("providerSid", callback.providerSid())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        int inserted = entityManager.createNativeQuery("""
                insert into status_callback (provider_sid, status, error_code, received_at, applied)
                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, callback.providerSid()).setParameter(2, callback.status())
                .setParameter(3, callback.errorCode()).setParameter(4, now).setParameter(5, message != null).executeUpdate();
        if (inserted == 0) {
            LOG.debugf("status %s for %s already received", callback.status(), callback.providerSid());
            return;
        }
        if (message == null) {
            LOG.infof("status %s for unknown message %s kept until its send is recorded", callback.status(),
                    callback.providerSid());
            return;
        }
        move(message, callback, now);
    }

    /**
     * Serialises a callback with the recording of the same sid: either the callback's transaction sees the recorded
     * sid, or the recording sees the callback waiting.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockSid(String providerSid) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "sid:" + providerSid).getSingleResult();
    }

    /** Applies callbacks that arrived before the message's sid was recorded, in forward order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPending(OutboundMessage message) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select status, error_code from status_callback where provider_sid = ?1 and not applied""")
                .setParameter(1, message.providerSid).getResultList();
        Instant now = clock.instant();
        rows.stream()
                .map(r -> new Callback(message.providerSid, (String) r[0], r[1] == null ? null : ((Number) r[1]).intValue()))
                .sorted(Comparator.comparingInt(c -> MessageStatus.rank(c.status())))
                .forEach(c -> apply(message, c, now));
    }

    private void apply(OutboundMessage message, Callback callback, Instant now) {
        entityManager.createNativeQuery("update status_callback set applied = true where provider_sid = ?1 and status = ?2")
                .setParameter(1, callback.providerSid()).setParameter(2, callback.status()).executeUpdate();
        move(message, callback, now);
    }

    /** The message moves to the callback's status if that is a step forward; each forward move is published. */
    private void move(OutboundMessage message, Callback callback, Instant now) {
        if (!MessageStatus.isForward(message.status, callback.status())) {
            LOG.debugf("status %s for message %s ignored: it is %s already", callback.status(), message.messageId,
                    message.status);
            return;
        }
        message.status = callback.status();
        message.statusChangedAt = now;
        if (callback.errorCode() != null) {
            message.errorCode = callback.errorCode();
        }
        if (MessageStatus.isPublished(callback.status())) {
            RefusalReason reason = MessageStatus.isFailure(callback.status()) ? SendFailure.reasonOf(callback.errorCode()) : null;
            if (reason != null) {
                message.refusalReason = reason.wire();
            }
            events.textStatus(message, callback.status(), reason, callback.errorCode(), null, now);
        }
        if (callback.errorCode() != null && callback.errorCode() == SendFailure.OPTED_OUT) {
            recordTwilioOptOut(message, now);
        }
    }

    /** Twilio says the number unsubscribed (21610): the ledger learns it, with the message as evidence. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordTwilioOptOut(OutboundMessage message, Instant now) {
        String words = "Twilio error 21610 (recipient unsubscribed)";
        if (optOuts.record(message.dealerId, message.toPhone, true, words, OptOutLedger.SOURCE_TWILIO, null,
                message.messageId, now)) {
            events.optedOut(message.leadId, message.dealerId, message.toPhone, words, null, now);
        }
    }

}
