package dev.followup.task.kafka;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** followup.create-task.v1 on cadence-commands, as task-service reads it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateTaskCommand(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, Instant dueAt,
        int priority, boolean urgent, String reason, Score score, Lead lead, Instant createdAt) {

    public static final String TYPE = "followup.create-task.v1";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Score(double value, Map<String, Double> factors) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lead(String displayName, String phone, String vehicle) {
    }
}
