package dev.followup.messaging.domain.email;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.directory.Dealer;
import dev.followup.platform.time.MovableClock;

/** A customer unsubscribes (one-click or the link), or the mail provider reports a hard bounce: the dealer stops emailing the address. */
@ApplicationScoped
public class EmailStops {
    private static final Logger LOG = Logger.getLogger(EmailStops.class);

    /** What the unsubscribe page tells the customer. */
    public record Stopped(String dealerName, String address) {
    }

    private final EmailSuppressions suppressions;
    private final UnsubscribeTokens tokens;
    private final MessagingEvents events;
    private final Clock clock;

    public EmailStops(EmailSuppressions suppressions, UnsubscribeTokens tokens, MessagingEvents events, MovableClock clock) {
        this.suppressions = suppressions;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    /** The email a token names, for the confirmation page; empty for a token that is not ours. */
    @Transactional
    public Optional<Stopped> whoseToken(String token) {
        return tokens.emailOf(token).map(id -> (OutboundEmail) OutboundEmail.findById(id)).map(this::describe);
    }

    /** @param method one-click or link; a repeated unsubscribe changes nothing and announces nothing */
    @Transactional
    public Optional<Stopped> unsubscribe(String token, String method) {
        Optional<OutboundEmail> email = tokens.emailOf(token).map(id -> OutboundEmail.findById(id));
        email.ifPresent(e -> {
            Instant now = clock.instant();
            if (suppressions.suppress(e.dealerId, e.toAddress, method, e.emailId, null, now)) {
                events.emailUnsubscribed(e.leadId, e.dealerId, e.toAddress, e.emailId, method, now);
                LOG.infof("email %s: the customer unsubscribed (%s)", e.emailId, method);
            }
        });
        return email.map(this::describe);
    }

    /** A hard bounce of an email we sent: @return whether the email was known */
    @Transactional
    public boolean hardBounce(UUID emailId, String detail) {
        OutboundEmail email = OutboundEmail.findById(emailId);
        if (email == null) {
            return false;
        }
        Instant now = clock.instant();
        if (suppressions.suppress(email.dealerId, email.toAddress, EmailSuppressions.BOUNCE, emailId, detail, now)) {
            events.emailBounced(email.leadId, email.dealerId, email.toAddress, emailId, detail, now);
            LOG.infof("email %s bounced: the address is suppressed for its dealer", emailId);
        }
        return true;
    }

    private Stopped describe(OutboundEmail email) {
        Dealer dealer = Dealer.findById(email.dealerId);
        return new Stopped(dealer == null ? "the dealership" : dealer.name, email.toAddress);
    }
}
