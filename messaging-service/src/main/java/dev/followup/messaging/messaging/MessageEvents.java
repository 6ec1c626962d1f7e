package dev.followup.messaging.messaging;

import java.time.Instant;
import java.util.UUID;

/** The events messaging-service publishes on message-events, keyed by lead id (contracts/events/message.*). */
public final class MessageEvents {
    public static final String TOPIC = "message-events";

    private MessageEvents() {
    }

    public record MessageSent(UUID messageId, String idempotencyKey, UUID leadId, UUID dealerId, String providerSid,
            int segments, boolean sandbox, Instant sentAt) {
        public static final String TYPE = "message.sent.v1";
    }

    public record MessageStatusChanged(UUID messageId, String idempotencyKey, UUID leadId, UUID dealerId, String status,
            Integer errorCode, String errorMessage, Instant changedAt) {
        public static final String TYPE = "message.status-changed.v1";
    }

    public record ReplyReceived(UUID replyId, UUID leadId, UUID dealerId, String intent, String body, String providerSid,
            Instant receivedAt) {
        public static final String TYPE = "message.reply-received.v1";
    }

    public record OptedOut(UUID leadId, UUID dealerId, String phone, String keyword, UUID replyId, Instant optedOutAt) {
        public static final String TYPE = "message.opted-out.v1";
    }

    public record OptedIn(UUID leadId, UUID dealerId, String phone, String keyword, UUID replyId, Instant optedInAt) {
        public static final String TYPE = "message.opted-in.v1";
    }
}
