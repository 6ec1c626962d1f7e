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
 * Hands a claimed text ({@code dispatching}, committed) to Twilio and records the answer: Twilio's sid (in the
 * transaction that claims the next text), or why it did not take the text (in one of its own). 429, 5xx and
 * connections that could not be made are retried with exponential backoff; anything else is final. A lost answer (a
 * timeout after the request may have arrived) leaves the text {@code unconfirmed} for {@link SendReconciler} to look
 * up at Twilio: never resent, since a double text is worse than a missed one.
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

    /** A text claimed for sending ({@code dispatching}, committed), with what Twilio is sent. */
    public record Claimed(UUID messageId, UUID leadId, TextingGateway.OutboundText text) {
    }

    /** What a claimed text is handed over as; the claim's transaction holds the message. */
    Claimed claimed(OutboundMessage message) {
        return new Claimed(message.messageId, message.leadId, outboundText(message));
    }

    /** Twilio's acceptance of a claimed text, to be recorded. */
    public record Answer(Claimed claimed, TextingGateway.Accepted accepted, int attempts) {
    }

    /**
     * Runs outside any transaction: hands a claimed text to Twilio, retrying what may be retried.
     *
     * @return Twilio's acceptance, to be recorded by {@link #record}, or null when the failure has been recorded
     */
    public Answer send(Claimed text) {
        try (Correlation ids = Correlation.ofLead(text.leadId())) {
            return attempt(text);
        }
    }

    private Answer attempt(Claimed text) {
        Backoff backoff = new Backoff(twilio.firstBackoff(), twilio.maxBackoff());
        int attempts = Math.max(1, twilio.sendAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return new Answer(text, gateway.send(text.text()), attempt);
            } catch (TextingGateway.SendFailureException e) {
                SendFailure failure = e.failure();
                if (failure.kind() == SendFailure.Kind.RETRY && attempt < attempts) {
                    LOG.infof("Twilio did not take message %s (attempt %d of %d, HTTP %s, code %s), retrying in %d ms",
                            text.messageId(), attempt, attempts, failure.httpStatus(), failure.errorCode(),
                            backoff.after(attempt).toMillis());
                    backoff.pauseAfter(attempt);
                    continue;
                }
                recordFailure(text.messageId(), failure, attempt, attempts);
                return null;
            }
        }
    }

    TextingGateway.OutboundText outboundText(OutboundMessage message) {
        return new TextingGateway.OutboundText(message.toPhone, message.fromPhone, message.messagingServiceSid,
                message.body, statusCallbackUrl);
    }

    /** Records Twilio's acceptance of a text whose answer was lost, found by a lookup. */
    void recordAccepted(UUID messageId, TextingGateway.Accepted accepted, int attempts) {
        recordAlone(new Answer(new Claimed(messageId, null, null), accepted, attempts));
    }

    /** Records Twilio's acceptance in the caller's transaction; nothing when there is none. */
    public void record(Answer answer) {
        if (answer == null) {
            return;
        }
        statuses.lockSid(answer.accepted().providerSid());
        record(answer.claimed().messageId(), answer.accepted(), answer.attempts());
        LOG.infof("message %s accepted by %s as %s", answer.claimed().messageId(),
                gateway.sandbox() ? "the sandbox" : "Twilio", answer.accepted().providerSid());
    }

    /** Records Twilio's acceptance in a transaction of its own. */
    public void recordAlone(Answer answer) {
        if (answer != null) {
            QuarkusTransaction.requiringNew().run(() -> record(answer));
        }
    }

    private void record(UUID messageId, TextingGateway.Accepted accepted, int attempts) {
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
