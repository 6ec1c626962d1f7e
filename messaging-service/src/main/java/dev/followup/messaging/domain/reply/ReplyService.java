package dev.followup.messaging.domain.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.directory.Dealer;
import dev.followup.messaging.domain.text.OutboundMessage;
import dev.followup.platform.time.MovableClock;

/**
 * Turns a customer's text into events, under the dealer that owns the number written to (or the Messaging Service):
 * never under another dealer, even when several dealers text the same customer. The reply belongs to the customer's
 * most recent lead that this dealer texted. Every reply of a known customer is published (any reply pauses the lead's
 * automation); opt-out and opt-in words also change that dealer's ledger, with evidence, and a new opt-out may be
 * confirmed once (the dealer's choice). A text nobody can route is recorded and announces nothing.
 */
@ApplicationScoped
public class ReplyService {
    private static final Logger LOG = Logger.getLogger(ReplyService.class);
    private static final Pattern MESSAGE_SID = Pattern.compile("^(SM|MM)[0-9a-f]{32}$");

    private final EntityManager entityManager;
    private final MessagingEvents events;
    private final OptOutLedger optOuts;
    private final Clock clock;

    public ReplyService(EntityManager entityManager, MessagingEvents events, OptOutLedger optOuts, MovableClock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    /** An inbound text: Twilio's MessageSid, From (customer), To (dealer number), MessagingServiceSid, Body. */
    public record InboundText(String providerSid, String from, String to, String messagingServiceSid, String body) {
    }

    /** @param answer the text to answer with in TwiML (HELP, an opt-out confirmation), or null for an empty response */
    public record Outcome(UUID replyId, UUID leadId, ReplyIntent intent, String answer) {
    }

    /** Where a reply goes: the dealer that owns the number written to, and its last text to this customer. */
    private record Route(Dealer dealer, OutboundMessage lastText) {
    }

    @Transactional
    public Outcome receive(InboundText text) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "reply:" + text.providerSid()).getSingleResult();
        InboundReply seen = InboundReply.find("providerSid", text.providerSid()).firstResult();
        if (seen != null) {
            return new Outcome(seen.replyId, seen.leadId, ReplyIntent.valueOf(seen.intent), seen.answer);
        }
        Instant now = clock.instant();
        String body = OptOutLedger.truncate(text.body() == null ? "" : text.body(), 1600);
        Route route = route(text);
        Dealer dealer = route.dealer();
        boolean optedOut = dealer != null && optOuts.isOptedOut(dealer.dealerId, text.from());
        ReplyReading reading = ReplyReader.read(body, optedOut);
        ReplyIntent intent = reading.intent();

        InboundReply reply = new InboundReply();
        reply.replyId = UUID.randomUUID();
        reply.providerSid = text.providerSid();
        reply.fromPhone = text.from();
        reply.toPhone = text.to() == null ? "" : text.to();
        reply.dealerId = dealer == null ? null : dealer.dealerId;
        reply.leadId = route.lastText() == null ? null : route.lastText().leadId;
        reply.inReplyTo = route.lastText() == null ? null : route.lastText().messageId;
        reply.body = body;
        reply.intent = intent.name();
        reply.receivedAt = now;

        boolean ledgerChanged = false;
        String words = OptOutLedger.truncate(body.isBlank() ? intent.wire() : body.strip(), 200);
        if (dealer != null && (intent == ReplyIntent.OPT_OUT || intent == ReplyIntent.OPT_IN)) {
            ledgerChanged = optOuts.record(dealer.dealerId, text.from(), intent == ReplyIntent.OPT_OUT, words,
                    OptOutLedger.SOURCE_REPLY, reply.replyId, reply.inReplyTo, now);
        }
        reply.answer = answer(intent, dealer, ledgerChanged);
        if (reply.answer != null && intent == ReplyIntent.OPT_OUT) {
            optOuts.confirmationSent(dealer.dealerId, text.from(), reply.replyId, now);
        }
        reply.persist();
        if (route.lastText() == null) {
            LOG.infof("reply %s: no text of dealer %s went to this number: recorded, nothing published", reply.replyId, reply.dealerId);
            return new Outcome(reply.replyId, null, intent, reply.answer);
        }
        OutboundMessage last = route.lastText();
        String providerSid = MESSAGE_SID.matcher(text.providerSid()).matches() ? text.providerSid() : null;
        events.replyReceived(reply.replyId, last.leadId, last.dealerId, reading, body, providerSid, now);
        if (ledgerChanged && intent == ReplyIntent.OPT_OUT) {
            events.optedOut(last.leadId, last.dealerId, text.from(), words, reply.replyId, now);
        } else if (ledgerChanged && intent == ReplyIntent.OPT_IN) {
            events.optedIn(last.leadId, last.dealerId, text.from(), words, reply.replyId, now);
        }
        LOG.infof("reply %s for lead %s: %s", reply.replyId, last.leadId, intent.wire());
        return new Outcome(reply.replyId, last.leadId, intent, reply.answer);
    }

    private Route route(InboundText text) {
        Dealer owner = Dealer.owning(text.to(), text.messagingServiceSid());
        if (owner != null) {
            return new Route(owner, lastText("toPhone = ?1 and dealerId = ?2", text.from(), owner.dealerId));
        }
        if (text.to() != null && !text.to().isBlank()) {
            // A number no active dealer holds any more: the dealer that texted this customer from it.
            OutboundMessage last = lastText("toPhone = ?1 and fromPhone = ?2", text.from(), text.to());
            return new Route(last == null ? null : Dealer.findById(last.dealerId), last);
        }
        // A simulated sandbox reply that names no number: only unambiguous when one dealer texted the customer.
        @SuppressWarnings("unchecked")
        List<Object> dealers = entityManager.createNativeQuery(
                "select distinct dealer_id from outbound_message where to_phone = ?1 and handed_to_twilio")
                .setParameter(1, text.from()).getResultList();
        if (dealers.size() != 1) {
            return new Route(null, null);
        }
        UUID dealerId = (UUID) dealers.get(0);
        return new Route(Dealer.findById(dealerId), lastText("toPhone = ?1 and dealerId = ?2", text.from(), dealerId));
    }

    private static OutboundMessage lastText(String where, Object customer, Object other) {
        return OutboundMessage.find(where + " and handedToTwilio = true order by createdAt desc", customer, other).firstResult();
    }

    /**
     * HELP gets the dealer's name and contact. A new opt-out gets one confirmation, free of marketing, when the dealer
     * asked for it and texts from a plain number (with a Messaging Service, Twilio's Advanced Opt-Out answers).
     */
    static String answer(ReplyIntent intent, Dealer dealer, boolean ledgerChanged) {
        if (intent == ReplyIntent.OPT_OUT) {
            return ledgerChanged && dealer != null && dealer.optOutConfirmation && dealer.messagingServiceSid == null
                    ? dealer.name + ": you are unsubscribed and will get no more texts from us. Reply START to resubscribe."
                    : null;
        }
        if (intent != ReplyIntent.HELP) {
            return null;
        }
        if (dealer == null) {
            return "Reply STOP to stop receiving texts.";
        }
        StringBuilder answer = new StringBuilder(dealer.name).append(':');
        if (dealer.contactPhone != null) {
            answer.append(" call us at ").append(dealer.contactPhone);
        }
        if (dealer.contactEmail != null) {
            answer.append(dealer.contactPhone != null ? " or email " : " email us at ").append(dealer.contactEmail);
        }
        if (dealer.contactPhone == null && dealer.contactEmail == null) {
            answer.append(" reply to this text and we will get back to you");
        }
        return answer.append(". Reply STOP to stop receiving texts.").toString();
    }
}
