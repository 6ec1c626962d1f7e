package dev.followup.messaging.kafka;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The commands messaging-service carries out, as cadence-service publishes them on cadence-commands. */
final class SendCommands {
    private SendCommands() {
    }

    /** followup.send-message.v1: send this text, at most once per idempotencyKey. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendMessage(String idempotencyKey, UUID leadId, UUID dealerId, String to, String body, String purpose,
            String stepId, Instant requestedAt, Instant sendBefore) {
        static final String TYPE = "followup.send-message.v1";
    }

    /** followup.send-email.v1: send this email, at most once per idempotencyKey. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendEmail(String idempotencyKey, UUID leadId, UUID dealerId, String toAddress, String subject, String text,
            String html, String purpose, String stepId, Instant requestedAt) {
        static final String TYPE = "followup.send-email.v1";
    }
}
