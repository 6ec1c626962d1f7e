package dev.followup.messaging.domain.text;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.messaging.config.TwilioSettings;
import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.reply.OptOutLedger;
import dev.followup.platform.logging.Correlation;
import dev.followup.platform.retry.Backoff;
import dev.followup.platform.time.MovableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Hands a claimed text ({@code dispatching}, committed) to Twilio and records the answer in a new transaction:
 * Twilio's sid, or why it did not take the text. 429, 5xx and connections that could not be made are retried with
 * exponential backoff; anything else is final. A lost answer (a timeout after the request may have arrived) leaves
 * the text {@code unconfirmed} for {@link SendReconciler} to look up at Twilio: never resent, since a double text is
 * worse than a missed one.
 */
@ApplicationScoped
public class TextDispatcher {
    private static final Logger LOG = Logger.getLogger(TextDispatcher.class);

    private final EntityManager entityManager;
    private final MessagingEvents events;
    private final TextingGateway gateway;
    private final StatusService statuses;
    private final Clock clock;
    private final TwilioSettings twilio;
    private final String statusCallbackUrl;

    public TextDispatcher(EntityManager entityManager, MessagingEvents events, TextingGateway gateway, StatusService statuses,
            MovableClock clock, TwilioSettings twilio,
            @ConfigProperty(name = "followup.public-base-url") String publicBaseUrl) {
        this.entityManager = entityManager;
        this.events = events;
        this.gateway = gateway;
        this.statuses = statuses;
        this.clock = clock;
        this.twilio = twilio;
        this.statusCallbackUrl = (publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl) + "/twilio/status";
    }

    /** Runs outside any transaction. */
    public void dispatch(UUID messageId) {
        OutboundMessage message = QuarkusTransaction.requiringNew().call(() -> OutboundMessage.findById(messageId));
        if (message == null || !MessageStatus.DISPATCHING.equals(message.status)) {
            return;
        }
        try (Correlation ids = Correlation.ofLead(message.leadId)) {
            send(messageId, outboundText(message));
        }
    }

    private void send(UUID messageId, TextingGateway.OutboundText text) {
        Backoff backoff = new Backoff(twilio.firstBackoff(), twilio.maxBackoff());
        int attempts = Math.max(1, twilio.sendAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                recordAccepted(messageId, gateway.send(text), attempt);
                return;
            } catch (TextingGateway.SendFailureException e) {
                SendFailure failure = e.failure();
                if (failure.kind() == SendFailure.Kind.RETRY && attempt < attempts) {
                    LOG.infof("Twilio did not take message %s (attempt %d of %d, HTTP %s, code %s), retrying in %d ms",
                            messageId, attempt, attempts, failure.httpStatus(), failure.errorCode(),
                            backoff.after(attempt).toMillis());
                    backoff.pauseAfter(attempt);
                    continue;
                }
                recordFailure(messageId, failure, attempt, attempts);
                return;
            }
        }
    }

    TextingGateway.OutboundText outboundText(OutboundMessage message) {
        return new TextingGateway.OutboundText(message.toPhone, message.fromPhone, message.messagingServiceSid,
                message.body, statusCallbackUrl);
    }

    /** Records Twilio's acceptance (also when a lookup finds a text whose answer was lost). */
    void recordAccepted(UUID messageId, TextingGateway.Accepted accepted, int attempts) {
        QuarkusTransaction.requiringNew().run(() -> {
            statuses.lockSid(accepted.providerSid());
            OutboundMessage message = entityManager.find(OutboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            boolean open = MessageStatus.DISPATCHING.equals(message.status) || MessageStatus.UNCONFIRMED.equals(message.status);
            if (!open) {
                LOG.warnf("Twilio accepted message %s as %s after it was marked %s", messageId, accepted.providerSid(), message.status);
            }
            Instant now = clock.instant();
            message.providerSid = accepted.providerSid();
            message.segments = accepted.segments();
            message.attempts = Math.max(message.attempts, attempts);
            message.sentAt = now;
            if (open) {
                message.status = accepted.status();
                message.statusChangedAt = now;
                events.textSent(message, now);
            }
            entityManager.flush();
            statuses.applyPending(message);
        });
        LOG.infof("message %s accepted by %s as %s", messageId, gateway.sandbox() ? "the sandbox" : "Twilio", accepted.providerSid());
    }

    private void recordFailure(UUID messageId, SendFailure failure, int attempt, int attempts) {
        String detail = switch (failure.kind()) {
            case PERMANENT -> failure.message();
            case RETRY -> "Twilio unavailable after " + attempt + " of " + attempts + " attempts: " + failure.message();
            case UNCONFIRMED -> "no answer from Twilio, being looked up: " + failure.message();
        };
        QuarkusTransaction.requiringNew().run(() -> {
            OutboundMessage message = entityManager.find(OutboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (!MessageStatus.DISPATCHING.equals(message.status)) {
                return;
            }
            Instant now = clock.instant();
            message.errorCode = failure.errorCode();
            message.errorMessage = OptOutLedger.truncate(detail, 500);
            message.attempts = attempt;
            message.statusChangedAt = now;
            if (failure.kind() == SendFailure.Kind.UNCONFIRMED) {
                message.status = MessageStatus.UNCONFIRMED;
                return; // the reconciler asks Twilio whether it has the text
            }
            message.status = MessageStatus.FAILED;
            message.refusalReason = failure.reason().wire();
            events.textStatus(message, MessageStatus.FAILED, failure.reason(), failure.errorCode(), message.errorMessage, now);
            if (failure.optedOut()) {
                statuses.recordTwilioOptOut(message, now);
            }
        });
        LOG.warnf("message %s not sent (%s, code %s): %s", messageId, failure.kind(), failure.errorCode(),
                failure.kind() == SendFailure.Kind.PERMANENT ? "permanent Twilio error" : detail);
    }
}
