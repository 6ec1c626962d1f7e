package dev.followup.messaging.domain;

import java.time.Instant;
import java.util.UUID;

import dev.followup.messaging.domain.email.OutboundEmail;
import dev.followup.messaging.domain.reply.ReplyReading;
import dev.followup.messaging.domain.text.OutboundMessage;

/**
 * What messaging-service tells the platform, in the caller's transaction (implemented on the Kafka side, through the
 * outbox). The domain hands over its own records; the wire shapes are the Kafka side's business.
 */
public interface MessagingEvents {
    void textSent(OutboundMessage message, Instant at);

    /** A forward status move, or a failure with its reason (null for a status that is no failure). */
    void textStatus(OutboundMessage message, String status, RefusalReason reason, Integer errorCode, String detail, Instant at);

    void replyReceived(UUID replyId, UUID leadId, UUID dealerId, ReplyReading reading, String body, String providerSid,
            Instant at);

    void optedOut(UUID leadId, UUID dealerId, String phone, String words, UUID replyId, Instant at);

    void optedIn(UUID leadId, UUID dealerId, String phone, String words, UUID replyId, Instant at);

    void emailSent(OutboundEmail email, Instant at);

    void emailFailed(OutboundEmail email, RefusalReason reason, String detail, Instant at);

    /** @param method one-click (RFC 8058) or link */
    void emailUnsubscribed(UUID leadId, UUID dealerId, String address, UUID emailId, String method, Instant at);

    void emailBounced(UUID leadId, UUID dealerId, String address, UUID emailId, String detail, Instant at);
}
