package dev.followup.messaging.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.messaging.config.MessagingSettings;
import dev.followup.messaging.config.TwilioSettings;
import dev.followup.messaging.messaging.MessageEvents;
import dev.followup.messaging.messaging.MessageEvents.MessageSent;
import dev.followup.messaging.messaging.MessageEvents.MessageStatusChanged;
import dev.followup.messaging.messaging.SendMessageCommand;
import dev.followup.platform.outbox.Outbox;
import dev.followup.platform.time.MovableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Carries out send commands, at most once per idempotency key.
 * <ol>
 * <li>{@link #accept}: inside the consumer's transaction, checks the guards and records the attempt (unique key). A
 * refused text is recorded as failed and announced; an accepted one is left {@code dispatching}. The transaction
 * commits before Twilio is called, so a redelivered command finds its key and sends nothing.</li>
 * <li>{@link #dispatch}: calls Twilio, retrying 429 / 5xx / refused connections with exponential backoff, and records
 * the answer (sid, or the error) in a new transaction.</li>
 * </ol>
 * A crash between Twilio's answer and recording it leaves the row {@code dispatching}; {@link #reconcileAbandoned}
 * marks such rows {@code unconfirmed} and announces them failed so the cadence falls back to another touch. They are
 * never resent: a double text is worse than a missed one.
 */
@ApplicationScoped
public class SendService {
    private static final Logger LOG = Logger.getLogger(SendService.class);
    static final String WINDOW_CLOSED = "sending window closed";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final OptOutLedger optOuts;
    private final TextingGateway gateway;
    private final StatusService statuses;
    private final Clock clock;
    private final TwilioSettings twilio;
    private final MessagingSettings settings;
    private final String statusCallbackUrl;

    public SendService(EntityManager entityManager, Outbox outbox, OptOutLedger optOuts, TextingGateway gateway,
            StatusService statuses, MovableClock clock, TwilioSettings twilio, MessagingSettings settings,
            @ConfigProperty(name = "followup.public-base-url") String publicBaseUrl) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.gateway = gateway;
        this.statuses = statuses;
        this.clock = clock;
        this.twilio = twilio;
        this.settings = settings;
        this.statusCallbackUrl = stripSlash(publicBaseUrl) + "/twilio/status";
    }

    /**
     * Records the attempt for a command, in the caller's transaction.
     *
     * @return the message to dispatch once the transaction has committed; empty for a key already seen or a text
     *         the guards refused
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> accept(SendMessageCommand command) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "send:" + command.idempotencyKey()).getSingleResult();
        if (OutboundMessage.count("idempotencyKey", command.idempotencyKey()) > 0) {
            LOG.infof("send %s for lead %s already handled, not sent again", command.idempotencyKey(), command.leadId());
            return Optional.empty();
        }
        Instant now = clock.instant();
        // Locking the dealer row serialises one dealer's sends across replicas, so rate and quota counts are exact.
        Dealer dealer = entityManager.find(Dealer.class, command.dealerId(), LockModeType.PESSIMISTIC_WRITE);
        String refusal = refusal(command, dealer, now);

        OutboundMessage message = new OutboundMessage();
        message.messageId = UUID.randomUUID();
        message.idempotencyKey = command.idempotencyKey();
        message.leadId = command.leadId();
        message.dealerId = command.dealerId();
        message.toPhone = command.to();
        if (dealer != null) {
            message.messagingServiceSid = dealer.messagingServiceSid;
            message.fromPhone = dealer.messagingServiceSid == null ? dealer.textingNumber : null;
        }
        message.body = command.body();
        message.purpose = command.purpose();
        message.sandbox = gateway.sandbox();
        message.requestedAt = command.requestedAt();
        message.createdAt = now;
        message.handedToTwilio = refusal == null;
        message.status = refusal == null ? MessageStatus.DISPATCHING : MessageStatus.FAILED;
        message.errorMessage = refusal;
        message.statusChangedAt = refusal == null ? null : now;
        // Flushed here: a concurrent delivery of the same key fails on the unique key and is retried, then skipped.
        message.persistAndFlush();
        if (refusal != null) {
            LOG.infof("send %s for lead %s refused: %s", command.idempotencyKey(), command.leadId(), refusal);
            publishStatus(message, null, refusal, now);
            return Optional.empty();
        }
        return Optional.of(message.messageId);
    }

    private String refusal(SendMessageCommand command, Dealer dealer, Instant now) {
        if (command.sendBefore() != null && !now.isBefore(command.sendBefore())) {
            return WINDOW_CLOSED;
        }
        if (dealer == null) {
            return "dealer unknown to messaging-service";
        }
        if (dealer.killSwitch) {
            return "dealer kill switch is on";
        }
        if (!dealer.active) {
            return "dealer is inactive";
        }
        if (!gateway.sandbox() && !dealer.canText()) {
            return "dealer has no texting number or messaging service";
        }
        if (optOuts.isOptedOut(dealer.dealerId, command.to())) {
            return "recipient opted out";
        }
        SendLimits limits = new SendLimits(settings.dealerRatePerMinute(), settings.dealerDailyQuota());
        return limits.refusal(sentSince(dealer.dealerId, now.minus(Duration.ofMinutes(1))),
                sentSince(dealer.dealerId, now.minus(Duration.ofDays(1))));
    }

    private long sentSince(UUID dealerId, Instant since) {
        return OutboundMessage.count("dealerId = ?1 and handedToTwilio = true and createdAt > ?2", dealerId, since);
    }

    /** Hands a recorded attempt to Twilio and records the answer. Runs outside any transaction. */
    public void dispatch(UUID messageId) {
        OutboundMessage message = QuarkusTransaction.requiringNew().call(() -> OutboundMessage.findById(messageId));
        if (message == null || !MessageStatus.DISPATCHING.equals(message.status)) {
            return;
        }
        TextingGateway.OutboundText text = new TextingGateway.OutboundText(message.toPhone, message.fromPhone,
                message.messagingServiceSid, message.body, statusCallbackUrl);
        Duration backoff = twilio.firstBackoff();
        int attempts = Math.max(1, twilio.sendAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                TextingGateway.Accepted accepted = gateway.send(text);
                recordAccepted(messageId, accepted, attempt);
                return;
            } catch (TextingGateway.SendFailureException e) {
                SendFailure failure = e.failure();
                if (failure.kind() == SendFailure.Kind.RETRY && attempt < attempts) {
                    LOG.infof("Twilio did not take message %s (attempt %d of %d, HTTP %s, code %s), retrying in %d ms",
                            messageId, attempt, attempts, failure.httpStatus(), failure.errorCode(), backoff.toMillis());
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), twilio.maxBackoff());
                    continue;
                }
                recordFailure(messageId, failure, attempt, attempts);
                return;
            }
        }
    }

    private void recordAccepted(UUID messageId, TextingGateway.Accepted accepted, int attempts) {
        QuarkusTransaction.requiringNew().run(() -> {
            statuses.lockSid(accepted.providerSid());
            OutboundMessage message = entityManager.find(OutboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (!MessageStatus.DISPATCHING.equals(message.status)) {
                LOG.warnf("Twilio accepted message %s as %s after it was marked %s", messageId, accepted.providerSid(),
                        message.status);
            }
            Instant now = clock.instant();
            message.providerSid = accepted.providerSid();
            message.segments = accepted.segments();
            message.attempts = attempts;
            message.sentAt = now;
            if (MessageStatus.DISPATCHING.equals(message.status)) {
                message.status = accepted.status();
                message.statusChangedAt = now;
                outbox.publish(MessageEvents.TOPIC, message.leadId.toString(), MessageSent.TYPE,
                        new MessageSent(message.messageId, message.idempotencyKey, message.leadId, message.dealerId,
                                message.providerSid, message.segments, message.sandbox, now));
            }
            entityManager.flush();
            statuses.applyPending(message);
        });
        LOG.infof("message %s accepted by %s as %s", messageId, gateway.sandbox() ? "the sandbox" : "Twilio",
                accepted.providerSid());
    }

    private void recordFailure(UUID messageId, SendFailure failure, int attempt, int attempts) {
        String reason = switch (failure.kind()) {
            case PERMANENT -> failure.message();
            case RETRY -> "Twilio unavailable after " + attempt + " of " + attempts + " attempts: " + failure.message();
            case UNCONFIRMED -> "send not confirmed, not resent: " + failure.message();
        };
        QuarkusTransaction.requiringNew().run(() -> {
            OutboundMessage message = entityManager.find(OutboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (!MessageStatus.DISPATCHING.equals(message.status)) {
                return;
            }
            Instant now = clock.instant();
            message.status = failure.kind() == SendFailure.Kind.UNCONFIRMED ? MessageStatus.UNCONFIRMED : MessageStatus.FAILED;
            message.errorCode = failure.errorCode();
            message.errorMessage = OptOutLedger.truncate(reason, 500);
            message.attempts = attempt;
            message.statusChangedAt = now;
            publishStatus(message, failure.errorCode(), message.errorMessage, now);
            if (failure.optedOut()) {
                statuses.recordTwilioOptOut(message, now);
            }
        });
        LOG.warnf("message %s not sent (%s, code %s): %s", messageId, failure.kind(), failure.errorCode(),
                failure.kind() == SendFailure.Kind.PERMANENT ? "permanent Twilio error" : reason);
    }

    /**
     * Marks texts left dispatching by a process that died (older than followup.messaging.unconfirmed-after) as
     * unconfirmed and announces them failed. Never resends them.
     *
     * @return how many were reconciled
     */
    @Transactional
    public int reconcileAbandoned() {
        // Untyped on purpose: Hibernate 7.4 caches a native query typed with a scalar class under a new key per
        // execution, and the plan cache then slows every call (docs/benchmarks.md).
        @SuppressWarnings("unchecked")
        List<UUID> abandoned = entityManager.createNativeQuery("""
                select message_id from outbound_message
                where status = 'dispatching' and dispatch_started_at < now() - make_interval(secs => ?1)
                for update skip locked""")
                .setParameter(1, (double) settings.unconfirmedAfter().toSeconds()).getResultList();
        Instant now = clock.instant();
        for (UUID id : abandoned) {
            OutboundMessage message = OutboundMessage.findById(id);
            message.status = MessageStatus.UNCONFIRMED;
            message.errorMessage = "send not confirmed: the service stopped while handing the text to Twilio; not resent";
            message.statusChangedAt = now;
            publishStatus(message, null, message.errorMessage, now);
            LOG.warnf("message %s for lead %s was left dispatching by a stopped process: marked unconfirmed, not resent",
                    id, message.leadId);
        }
        return abandoned.size();
    }

    private void publishStatus(OutboundMessage message, Integer errorCode, String errorMessage, Instant now) {
        outbox.publish(MessageEvents.TOPIC, message.leadId.toString(), MessageStatusChanged.TYPE,
                new MessageStatusChanged(message.messageId, message.idempotencyKey, message.leadId, message.dealerId,
                        MessageStatus.FAILED, errorCode, errorMessage, now));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
