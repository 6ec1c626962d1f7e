package dev.followup.messaging.domain.text;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.RefusalReason;
import dev.followup.messaging.domain.directory.Dealer;
import dev.followup.messaging.domain.reply.OptOutLedger;
import dev.followup.platform.time.MovableClock;

/**
 * Takes in send commands, at most once per idempotency key: a text that may never go is refused at once with its
 * reason; every other one waits in its dealer's queue ({@code waiting}) for {@link SendPacer}, which lets it out at
 * the dealer's rate and checks it again as it leaves. Nothing here talks to Twilio.
 */
@ApplicationScoped
public class SendQueue {
    private static final Logger LOG = Logger.getLogger(SendQueue.class);

    /** A text cadence-service asks for. */
    public record TextRequest(String idempotencyKey, UUID leadId, UUID dealerId, String to, String body, String purpose,
            Instant requestedAt, Instant sendBefore) {
        boolean firstTouch() {
            return "first-touch".equals(purpose);
        }
    }

    private final EntityManager entityManager;
    private final MessagingEvents events;
    private final OptOutLedger optOuts;
    private final TextingGateway gateway;
    private final Clock clock;

    public SendQueue(EntityManager entityManager, MessagingEvents events, OptOutLedger optOuts, TextingGateway gateway,
            MovableClock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.optOuts = optOuts;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Records the request in the caller's transaction.
     *
     * @return the dealer whose queue now holds it (wake its pacer once the transaction commits); empty for a key seen
     *         before or a text refused
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> accept(TextRequest request) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "send:" + request.idempotencyKey()).getSingleResult();
        if (!entityManager.createNativeQuery("select 1 from outbound_message where idempotency_key = ?1")
                .setParameter(1, request.idempotencyKey()).getResultList().isEmpty()) {
            LOG.infof("send %s for lead %s already handled, not sent again", request.idempotencyKey(), request.leadId());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Dealer dealer = Dealer.findById(request.dealerId());
        RefusalReason refusal = dealer == null ? RefusalReason.DEALER_UNKNOWN : refusal(dealer, request.to(), request.sendBefore(), now);

        OutboundMessage message = new OutboundMessage();
        message.messageId = UUID.randomUUID();
        message.idempotencyKey = request.idempotencyKey();
        message.leadId = request.leadId();
        message.dealerId = request.dealerId();
        message.toPhone = request.to();
        message.body = request.body();
        message.purpose = request.purpose();
        message.priority = request.firstTouch() ? 0 : 1;
        message.sendBefore = request.sendBefore();
        message.sandbox = gateway.sandbox();
        message.requestedAt = request.requestedAt();
        message.createdAt = now;
        message.status = MessageStatus.WAITING;
        if (refusal != null) {
            refuse(message, refusal, now);
        }
        // Flushed here: a concurrent delivery of the same key fails on the unique key and is retried, then skipped.
        message.persistAndFlush();
        if (refusal != null) {
            events.textStatus(message, MessageStatus.FAILED, refusal, null, refusal.description(), now);
            LOG.infof("send %s for lead %s refused: %s", request.idempotencyKey(), request.leadId(), refusal.wire());
            return Optional.empty();
        }
        return Optional.of(request.dealerId());
    }

    /** Why a text to this number may not go now; null when it may. Checked on arrival and again as it leaves. */
    RefusalReason refusal(Dealer dealer, String to, Instant sendBefore, Instant now) {
        if (sendBefore != null && !now.isBefore(sendBefore)) {
            return RefusalReason.WINDOW_CLOSED;
        }
        if (dealer.killSwitch) {
            return RefusalReason.KILL_SWITCH;
        }
        if (!dealer.active) {
            return RefusalReason.DEALER_INACTIVE;
        }
        if (!gateway.sandbox() && !dealer.canText()) {
            return RefusalReason.NO_SENDER;
        }
        return optOuts.isOptedOut(dealer.dealerId, to) ? RefusalReason.OPTED_OUT : null;
    }

    static void refuse(OutboundMessage message, RefusalReason reason, Instant now) {
        message.status = MessageStatus.FAILED;
        message.handedToTwilio = false;
        message.refusalReason = reason.wire();
        message.errorMessage = reason.description();
        message.statusChangedAt = now;
    }
}
