package dev.followup.messaging.kafka;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events messaging-service publishes on message-events, keyed by lead id (contracts/events/message.*, email.*). */
final class MessageEvents {
    static final String TOPIC = "message-events";

    private MessageEvents() {
    }

    record MessageSent(UUID messageId, String idempotencyKey, UUID leadId, UUID dealerId, String providerSid, int segments,
            boolean sandbox, Instant sentAt) {
        static final String TYPE = "message.sent.v1";
    }

    record MessageStatusChanged(UUID messageId, String idempotencyKey, UUID leadId, UUID dealerId, String status,
            String reason, Integer errorCode, String errorMessage, Instant changedAt) {
        static final String TYPE = "message.status-changed.v2";
    }

    record ReplyReceived(UUID replyId, UUID leadId, UUID dealerId, String intent, String body, Proposed proposed,
            Question question, String notLookingReason, String providerSid, Instant receivedAt) {
        static final String TYPE = "message.reply-received.v2";
    }

    record Proposed(String day, String time) {
    }

    record Question(List<String> kinds, String text) {
    }

    record OptedOut(UUID leadId, UUID dealerId, String phone, String keyword, UUID replyId, Instant optedOutAt) {
        static final String TYPE = "message.opted-out.v1";
    }

    record OptedIn(UUID leadId, UUID dealerId, String phone, String keyword, UUID replyId, Instant optedInAt) {
        static final String TYPE = "message.opted-in.v1";
    }

    record EmailSent(UUID emailId, String idempotencyKey, UUID leadId, UUID dealerId, boolean sandbox, Instant sentAt) {
        static final String TYPE = "email.sent.v1";
    }

    record EmailFailed(UUID emailId, String idempotencyKey, UUID leadId, UUID dealerId, String reason, String detail,
            Instant failedAt) {
        static final String TYPE = "email.failed.v1";
    }

    record EmailUnsubscribed(UUID leadId, UUID dealerId, String email, UUID emailId, String method, Instant unsubscribedAt) {
        static final String TYPE = "email.unsubscribed.v1";
    }

    record EmailBounced(UUID leadId, UUID dealerId, String email, UUID emailId, String detail, Instant bouncedAt) {
        static final String TYPE = "email.bounced.v1";
    }
}
