package dev.followup.task.kafka;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** followup.cancel-tasks.v1 on cadence-commands. scope: automated (call, text) or all. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelTasksCommand(UUID leadId, UUID dealerId, String scope, String reason, Instant cancelledAt) {
    public static final String TYPE = "followup.cancel-tasks.v1";

    public boolean includesRepliedCustomer() {
        return "all".equals(scope);
    }
}
