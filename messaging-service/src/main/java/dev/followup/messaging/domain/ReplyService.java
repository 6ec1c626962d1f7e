package dev.followup.messaging.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.followup.messaging.messaging.MessageEvents;
import dev.followup.messaging.messaging.MessageEvents.OptedIn;
import dev.followup.messaging.messaging.MessageEvents.OptedOut;
import dev.followup.messaging.messaging.MessageEvents.ReplyReceived;
import dev.followup.platform.outbox.Outbox;
import dev.followup.platform.time.MovableClock;

/**
 * Turns a customer's text into events. The reply belongs to the customer's most recent lead that this dealer texted
 * (the dealer is found by the number written to, or by the Messaging Service). Every reply of a known customer is
 * published (any reply pauses the lead's automation); opt-out and opt-in words also change the ledger, with evidence.
 * A text from a number nobody texted is recorded and announces nothing.
 */
@ApplicationScoped
public class ReplyService {
    private static final Logger LOG = Logger.getLogger(ReplyService.class);
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern MESSAGE_SID = Pattern.compile("^(SM|MM)[0-9a-f]{32}$");

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final OptOutLedger optOuts;
    private final Clock clock;

    public ReplyService(EntityManager entityManager, Outbox outbox, OptOutLedger optOuts, MovableClock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    /** An inbound text: Twilio's MessageSid, From (customer), To (dealer number), MessagingServiceSid, Body. */
    public record InboundText(String providerSid, String from, String to, String messagingServiceSid, String body) {
    }

    /** @param answer the text to answer with in TwiML (HELP), or null for an empty response */
    public record Outcome(UUID replyId, UUID leadId, ReplyIntent intent, String answer) {
    }

    @Transactional
    public Outcome receive(InboundText text) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "reply:" + text.providerSid()).getSingleResult();
        InboundReply seen = InboundReply.find("providerSid", text.providerSid()).firstResult();
        if (seen != null) {
            ReplyIntent intent = ReplyIntent.valueOf(seen.intent);
            return new Outcome(seen.replyId, seen.leadId, intent, helpAnswer(intent, dealer(seen.dealerId)));
        }
        Instant now = clock.instant();
        String body = OptOutLedger.truncate(text.body() == null ? "" : text.body(), 1600);
        Dealer dealer = dealerWrittenTo(text);
        OutboundMessage lastText = E164.matcher(text.from()).matches() ? lastTextTo(text.from(), dealer, text.to()) : null;
        if (dealer == null && lastText != null) {
            dealer = dealer(lastText.dealerId);
        }
        boolean optedOut = dealer != null && optOuts.isOptedOut(dealer.dealerId, text.from());
        ReplyIntent intent = ReplyClassifier.classify(body, optedOut);

        InboundReply reply = new InboundReply();
        reply.replyId = UUID.randomUUID();
        reply.providerSid = text.providerSid();
        reply.fromPhone = text.from();
        reply.toPhone = text.to();
        reply.dealerId = dealer == null ? null : dealer.dealerId;
        reply.leadId = lastText == null ? null : lastText.leadId;
        reply.inReplyTo = lastText == null ? null : lastText.messageId;
        reply.body = body;
        reply.intent = intent.name();
        reply.receivedAt = now;
        reply.persist();

        boolean ledgerChanged = false;
        if (dealer != null && (intent == ReplyIntent.OPT_OUT || intent == ReplyIntent.OPT_IN)) {
            ledgerChanged = optOuts.record(dealer.dealerId, text.from(), intent == ReplyIntent.OPT_OUT,
                    body.isBlank() ? intent.wire() : body.strip(), OptOutLedger.SOURCE_REPLY, reply.replyId,
                    reply.inReplyTo, now);
        }
        if (lastText == null) {
            LOG.infof("reply %s from a number no lead of dealer %s was texted from: recorded, nothing published",
                    reply.replyId, reply.dealerId);
            return new Outcome(reply.replyId, null, intent, helpAnswer(intent, dealer));
        }
        String key = lastText.leadId.toString();
        String providerSid = MESSAGE_SID.matcher(text.providerSid()).matches() ? text.providerSid() : null;
        outbox.publish(MessageEvents.TOPIC, key, ReplyReceived.TYPE, new ReplyReceived(reply.replyId, lastText.leadId,
                lastText.dealerId, intent.wire(), body, providerSid, now));
        String words = OptOutLedger.truncate(body.isBlank() ? intent.wire() : body.strip(), 200);
        if (ledgerChanged && intent == ReplyIntent.OPT_OUT) {
            outbox.publish(MessageEvents.TOPIC, key, OptedOut.TYPE,
                    new OptedOut(lastText.leadId, lastText.dealerId, text.from(), words, reply.replyId, now));
        } else if (ledgerChanged && intent == ReplyIntent.OPT_IN) {
            outbox.publish(MessageEvents.TOPIC, key, OptedIn.TYPE,
                    new OptedIn(lastText.leadId, lastText.dealerId, text.from(), words, reply.replyId, now));
        }
        LOG.infof("reply %s for lead %s: %s", reply.replyId, lastText.leadId, intent.wire());
        return new Outcome(reply.replyId, lastText.leadId, intent, helpAnswer(intent, dealer));
    }

    private Dealer dealerWrittenTo(InboundText text) {
        Dealer dealer = text.to() == null ? null : Dealer.find("textingNumber", text.to()).firstResult();
        if (dealer == null && text.messagingServiceSid() != null) {
            dealer = Dealer.find("messagingServiceSid", text.messagingServiceSid()).firstResult();
        }
        return dealer;
    }

    /** The most recent text to this customer from this dealer (or, dealer unknown, from the number written to). */
    private OutboundMessage lastTextTo(String customer, Dealer dealer, String dealerNumber) {
        if (dealer != null) {
            return OutboundMessage.find("toPhone = ?1 and dealerId = ?2 and handedToTwilio = true order by createdAt desc",
                    customer, dealer.dealerId).firstResult();
        }
        if (dealerNumber == null || dealerNumber.isBlank()) { // a simulated sandbox reply that names no dealer number
            return OutboundMessage.find("toPhone = ?1 and handedToTwilio = true order by createdAt desc", customer)
                    .firstResult();
        }
        return OutboundMessage.find("toPhone = ?1 and fromPhone = ?2 and handedToTwilio = true order by createdAt desc",
                customer, dealerNumber).firstResult();
    }

    private Dealer dealer(UUID dealerId) {
        return dealerId == null ? null : Dealer.findById(dealerId);
    }

    static String helpAnswer(ReplyIntent intent, Dealer dealer) {
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
