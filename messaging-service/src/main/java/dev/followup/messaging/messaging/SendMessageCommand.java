package dev.followup.messaging.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** followup.send-message.v1 on cadence-commands: send this text now, at most once per idempotencyKey. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageCommand(String idempotencyKey, UUID leadId, UUID dealerId, String to, String body,
        String purpose, String stepId, Instant requestedAt, Instant sendBefore) {
    public static final String TYPE = "followup.send-message.v1";
}
