package dev.followup.messaging.domain.text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.followup.messaging.config.MessagingSettings;
import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.RefusalReason;
import dev.followup.platform.time.MovableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Ends the at-most-once crash window in a known state. A text whose Twilio answer was lost, because the process
 * died while handing it over ({@code dispatching} long after it was claimed) or the answer timed out
 * ({@code unconfirmed}), is looked up at Twilio: found, it is recorded sent with its sid; not there, it never went
 * out and goes back to its place in the queue (twice at most, then it is failed with reason not-sent); a lookup that
 * cannot be made is tried again on the next pass, and past {@code followup.messaging.give-up-lookups-after} the text
 * is failed as unconfirmed. A text Twilio has is never sent again.
 */
@ApplicationScoped
public class SendReconciler {
    private static final Logger LOG = Logger.getLogger(SendReconciler.class);
    private static final int MOST_PER_PASS = 100;
    private static final int MOST_REQUEUES = 2;

    private final EntityManager entityManager;
    private final TextingGateway gateway;
    private final TextDispatcher dispatcher;
    private final MessagingEvents events;
    private final MessagingSettings settings;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public SendReconciler(EntityManager entityManager, TextingGateway gateway, TextDispatcher dispatcher,
            MessagingEvents events, MessagingSettings settings, MovableClock clock) {
        this.entityManager = entityManager;
        this.gateway = gateway;
        this.dispatcher = dispatcher;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent startup) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "send-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.reconcileEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::reconcileQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warnf("reconciling unconfirmed sends failed, next try in %s: %s", settings.reconcileEvery(), e.toString());
        }
    }

    /** @return how many texts this pass settled (sent or failed) */
    public int reconcile() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object> candidates = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select message_id from outbound_message
                where (status = 'dispatching' and dispatch_started_at < ?1) or (status = 'unconfirmed' and status_changed_at < ?2)
                order by dispatch_started_at limit ?3""")
                .setParameter(1, now.minus(settings.unconfirmedAfter())).setParameter(2, now.minus(settings.lookupAfter()))
                .setParameter(3, MOST_PER_PASS).getResultList());
        int settled = 0;
        for (Object id : candidates) {
            if (settle((UUID) id)) {
                settled++;
            }
        }
        return settled;
    }

    private boolean settle(UUID messageId) {
        OutboundMessage message = QuarkusTransaction.requiringNew().call(() -> OutboundMessage.findById(messageId));
        TextingGateway.Lookup lookup = gateway.find(dispatcher.outboundText(message), knownSids(message));
        if (lookup instanceof TextingGateway.Found found) {
            LOG.infof("message %s for lead %s had lost its Twilio answer; Twilio has it as %s", messageId, message.leadId,
                    found.message().providerSid());
            dispatcher.recordAccepted(messageId, found.message(), message.attempts);
            return true;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboundMessage locked = entityManager.find(OutboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (!MessageStatus.DISPATCHING.equals(locked.status) && !MessageStatus.UNCONFIRMED.equals(locked.status)) {
                return false;
            }
            Instant now = clock.instant();
            if (lookup instanceof TextingGateway.NotFound) {
                if (locked.requeues < MOST_REQUEUES) {
                    queueAgain(locked, now);
                } else {
                    fail(locked, RefusalReason.NOT_SENT, "Twilio had no such message after " + MOST_REQUEUES
                            + " sends whose answers were lost: not sent", now);
                }
                return true;
            }
            locked.lookupAttempts++;
            locked.status = MessageStatus.UNCONFIRMED;
            locked.statusChangedAt = now;
            if (locked.dispatchStartedAt.isBefore(now.minus(settings.giveUpLookupsAfter()))) {
                fail(locked, RefusalReason.UNCONFIRMED, "Twilio could not be asked for " + settings.giveUpLookupsAfter()
                        + " (" + ((TextingGateway.LookupFailed) lookup).why() + "); not resent", now);
                return true;
            }
            LOG.infof("message %s: looking it up at Twilio failed (%s), next pass retries", messageId,
                    ((TextingGateway.LookupFailed) lookup).why());
            return false;
        });
    }

    /** It never reached Twilio: back to its place in the queue (its sequence is kept), checked again as it leaves. */
    private static void queueAgain(OutboundMessage message, Instant now) {
        LOG.infof("message %s for lead %s had lost its Twilio answer and Twilio has no such message: queued again",
                message.messageId, message.leadId);
        message.requeues++;
        message.status = MessageStatus.WAITING;
        message.handedToTwilio = false;
        message.dispatchStartedAt = null;
        message.statusChangedAt = now;
    }

    private void fail(OutboundMessage message, RefusalReason reason, String detail, Instant now) {
        message.status = MessageStatus.FAILED;
        message.refusalReason = reason.wire();
        message.errorMessage = detail;
        message.statusChangedAt = now;
        events.textStatus(message, MessageStatus.FAILED, reason, null, detail, now);
        LOG.warnf("message %s for lead %s: %s", message.messageId, message.leadId, detail);
    }

    /** Sids already recorded for texts to the same number: an identical earlier text is not the one looked for. */
    private Set<String> knownSids(OutboundMessage message) {
        @SuppressWarnings("unchecked")
        List<Object> sids = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select provider_sid from outbound_message where to_phone = ?1 and provider_sid is not null")
                .setParameter(1, message.toPhone).getResultList());
        Set<String> known = new HashSet<>();
        sids.forEach(s -> known.add((String) s));
        return known;
    }
}
