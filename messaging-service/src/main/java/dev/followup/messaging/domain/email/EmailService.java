package dev.followup.messaging.domain.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.followup.messaging.config.EmailSettings;
import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.RefusalReason;
import dev.followup.messaging.domain.directory.Dealer;
import dev.followup.platform.time.MovableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Carries out send-email commands at most once per idempotency key, like texts: the attempt is committed before the
 * SMTP server is called, and an email left {@code sending} by a process that died is reported unconfirmed, never
 * resent. Every email carries the dealer's name and mailing address, an unsubscribe link, and RFC 8058 one-click
 * List-Unsubscribe headers. An SMTP server that answers "try later" (4xx) or cannot be reached has not taken the email:
 * it waits ({@code retrying}) and is handed over again, a few times with growing waits, before it fails.
 */
@ApplicationScoped
public class EmailService {
    private static final Logger LOG = Logger.getLogger(EmailService.class);
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    /** An email cadence-service asks for. */
    public record EmailRequest(String idempotencyKey, UUID leadId, UUID dealerId, String to, String subject, String text,
            String html, String purpose, Instant requestedAt) {
    }

    private final EntityManager entityManager;
    private final MessagingEvents events;
    private final EmailSuppressions suppressions;
    private final EmailGateway gateway;
    private final UnsubscribeTokens tokens;
    private final EmailSettings settings;
    private final Clock clock;
    /**
     * The mailer must not be called on the Kafka consumer's Vert.x context (its continuation needs that context: a
     * deadlock until the mailer's timeout); emails go from these threads instead.
     */
    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "email-sender");
        t.setDaemon(true);
        return t;
    });

    public EmailService(EntityManager entityManager, MessagingEvents events, EmailSuppressions suppressions,
            EmailGateway gateway, UnsubscribeTokens tokens, EmailSettings settings, MovableClock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.suppressions = suppressions;
        this.gateway = gateway;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the email to send once the caller's transaction has committed; empty for a key seen before or a refusal */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> accept(EmailRequest request) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "email:" + request.idempotencyKey()).getSingleResult();
        if (OutboundEmail.count("idempotencyKey", request.idempotencyKey()) > 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Dealer dealer = Dealer.findById(request.dealerId());
        RefusalReason refusal = refusal(dealer, request.to());
        OutboundEmail email = new OutboundEmail();
        email.emailId = UUID.randomUUID();
        email.idempotencyKey = request.idempotencyKey();
        email.leadId = request.leadId();
        email.dealerId = request.dealerId();
        email.toAddress = request.to();
        email.subject = request.subject();
        email.textBody = request.text();
        email.htmlBody = request.html();
        email.purpose = request.purpose();
        email.sandbox = gateway.sandbox();
        email.requestedAt = request.requestedAt();
        email.createdAt = now;
        email.status = refusal == null ? OutboundEmail.SENDING : OutboundEmail.FAILED;
        email.statusChangedAt = now;
        if (refusal != null) {
            email.refusalReason = refusal.wire();
            email.errorMessage = refusal.description();
        }
        email.persistAndFlush();
        if (refusal != null) {
            events.emailFailed(email, refusal, refusal.description(), now);
            return Optional.empty();
        }
        return Optional.of(email.emailId);
    }

    private RefusalReason refusal(Dealer dealer, String to) {
        if (dealer == null) {
            return RefusalReason.DEALER_UNKNOWN;
        }
        if (dealer.killSwitch) {
            return RefusalReason.KILL_SWITCH;
        }
        if (!dealer.active) {
            return RefusalReason.DEALER_INACTIVE;
        }
        return suppressions.isSuppressed(dealer.dealerId, to) ? RefusalReason.OPTED_OUT : null;
    }

    /** Sends a recorded email from a sender thread; a crash before it goes leaves it for {@link #settleAbandoned}. */
    public void sendSoon(UUID emailId) {
        senders.execute(() -> {
            try {
                send(emailId);
            } catch (RuntimeException e) {
                LOG.warnf("email %s: sending failed unexpectedly (%s); it is settled as unconfirmed later", emailId, e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
        try {
            senders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a recorded email to the SMTP server (or the sandbox) and records the outcome. Runs outside any transaction. */
    public void send(UUID emailId) {
        OutboundEmail email = QuarkusTransaction.requiringNew().call(() -> OutboundEmail.findById(emailId));
        Dealer dealer = QuarkusTransaction.requiringNew().call(() -> Dealer.findById(email.dealerId));
        if (!OutboundEmail.SENDING.equals(email.status)) {
            return;
        }
        String link = stripSlash(settings.publicBaseUrl()) + "/email/unsubscribe?t=" + tokens.of(emailId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + link + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Message-ID", "<" + emailId + "@followup>");
        String footer = dealer.name + (dealer.mailingAddress == null ? "" : ", " + dealer.mailingAddress);
        EmailGateway.OutgoingEmail outgoing = new EmailGateway.OutgoingEmail(
                "\"" + dealer.name.replace("\"", "") + "\" <" + settings.fromAddress() + ">", dealer.contactEmail,
                email.toAddress, email.subject,
                email.textBody + "\n\n--\n" + footer + "\nUnsubscribe: " + link,
                email.htmlBody + "<hr><p style=\"font-size:12px;color:#666\">" + escape(footer) + "<br><a href=\""
                        + escape(link) + "\">Unsubscribe</a> from " + escape(dealer.name) + " emails.</p>",
                headers);
        try {
            gateway.send(outgoing);
            record(emailId, null, null);
        } catch (EmailGateway.EmailFailureException e) {
            switch (e.failure()) {
                case TRY_LATER -> tryLater(emailId, e.getMessage());
                case RECIPIENT_REFUSED -> record(emailId, RefusalReason.INVALID_RECIPIENT, e.getMessage());
                case OTHER -> record(emailId, RefusalReason.CARRIER_ERROR, e.getMessage());
            }
        }
    }

    private void record(UUID emailId, RefusalReason failure, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboundEmail email = lockedWhileSending(emailId);
            if (email == null) {
                return;
            }
            Instant now = clock.instant();
            if (failure == null) {
                email.status = OutboundEmail.SENT;
                email.statusChangedAt = now;
                email.sentAt = now;
                events.emailSent(email, now);
            } else {
                fail(email, failure, detail, now);
            }
        });
        if (failure == null) {
            LOG.infof("email %s sent", emailId);
        } else {
            LOG.warnf("email %s not sent (%s): %s", emailId, failure.wire(), detail);
        }
    }

    /** The server has not taken it: wait and go again, or fail as carrier-error once the tries are used up. */
    private void tryLater(UUID emailId, String detail) {
        Instant retryAt = QuarkusTransaction.requiringNew().call(() -> {
            OutboundEmail email = lockedWhileSending(emailId);
            if (email == null) {
                return null;
            }
            Instant now = clock.instant();
            email.attempts++;
            if (email.attempts >= settings.maxAttempts()) {
                fail(email, RefusalReason.CARRIER_ERROR, "not taken in " + email.attempts + " tries; the last: " + detail, now);
                return null;
            }
            email.status = OutboundEmail.RETRYING;
            email.statusChangedAt = now;
            email.nextAttemptAt = now.plus(settings.retryAfter().multipliedBy(1L << Math.min(email.attempts - 1, 20)));
            email.errorMessage = shortened(detail);
            return email.nextAttemptAt;
        });
        if (retryAt != null) {
            LOG.infof("email %s goes again at %s: %s", emailId, retryAt, detail);
        } else {
            LOG.warnf("email %s not sent (%s): %s", emailId, RefusalReason.CARRIER_ERROR.wire(), detail);
        }
    }

    /** The email, locked, when it is still being sent: only then may an outcome be recorded (else null). */
    private OutboundEmail lockedWhileSending(UUID emailId) {
        OutboundEmail email = entityManager.find(OutboundEmail.class, emailId, LockModeType.PESSIMISTIC_WRITE);
        return OutboundEmail.SENDING.equals(email.status) ? email : null;
    }

    private void fail(OutboundEmail email, RefusalReason failure, String detail, Instant now) {
        email.status = OutboundEmail.FAILED;
        email.statusChangedAt = now;
        email.nextAttemptAt = null;
        email.refusalReason = failure.wire();
        email.errorMessage = shortened(detail);
        events.emailFailed(email, failure, email.errorMessage, now);
    }

    private static String shortened(String detail) {
        return detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
    }

    @Scheduled(every = "${followup.email.retry-check:PT15S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDueOnSchedule() {
        retryDue().forEach(this::sendSoon);
    }

    /**
     * Emails whose wait after a "try later" is over go back to {@code sending}, checked again on the way (the dealer
     * may have been stopped, the address unsubscribed, the customer may have replied, meanwhile). Rows another replica
     * holds are skipped.
     *
     * @return the emails to hand over again, once this has committed
     */
    public List<UUID> retryDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<OutboundEmail> due = OutboundEmail.<OutboundEmail>find("status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt",
                    OutboundEmail.RETRYING, now).withLock(LockModeType.PESSIMISTIC_WRITE)
                    .withHint("jakarta.persistence.lock.timeout", -2).page(0, 50).list();
            List<UUID> again = new ArrayList<>();
            for (OutboundEmail email : due) {
                RefusalReason refusal = refusal(Dealer.findById(email.dealerId), email.toAddress);
                if (refusal != null) {
                    fail(email, refusal, refusal.description(), now);
                    LOG.infof("email %s not sent again: %s", email.emailId, refusal.wire());
                    continue;
                }
                if (repliedSince(email.leadId, email.requestedAt)) {
                    // The customer answered while it waited: the plan behind it stops, so must it.
                    fail(email, RefusalReason.CARRIER_ERROR, "not sent again: the customer replied after it was asked for", now);
                    LOG.infof("email %s not sent again: the customer replied meanwhile", email.emailId);
                    continue;
                }
                email.status = OutboundEmail.SENDING;
                email.statusChangedAt = now;
                email.nextAttemptAt = null;
                again.add(email.emailId);
            }
            return again;
        });
    }

    private boolean repliedSince(UUID leadId, Instant since) {
        return !entityManager.createNativeQuery("select 1 from inbound_reply where lead_id = ?1 and received_at > ?2 limit 1")
                .setParameter(1, leadId).setParameter(2, since).getResultList().isEmpty();
    }

    @Scheduled(every = "${followup.messaging.reconcile-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settleAbandonedOnSchedule() {
        settleAbandoned();
    }

    /** Emails left sending by a process that died: unconfirmed, reported, never resent. @return how many */
    @Transactional
    public int settleAbandoned() {
        Instant now = clock.instant();
        List<OutboundEmail> abandoned = OutboundEmail.find("status = ?1 and statusChangedAt < ?2", OutboundEmail.SENDING,
                now.minus(ABANDONED_AFTER)).withLock(LockModeType.PESSIMISTIC_WRITE).page(0, 100).list();
        for (OutboundEmail email : abandoned) {
            email.status = OutboundEmail.UNCONFIRMED;
            email.refusalReason = RefusalReason.UNCONFIRMED.wire();
            email.statusChangedAt = now;
            events.emailFailed(email, RefusalReason.UNCONFIRMED, "the service stopped while handing it to the SMTP server", now);
        }
        return abandoned.size();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
