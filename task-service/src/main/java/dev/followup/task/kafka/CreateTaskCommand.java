package dev.followup.task.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** followup.create-task.v2 (and v1, which has no reply) on cadence-commands, as task-service reads it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateTaskCommand(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, Instant dueAt,
        int priority, boolean urgent, String reason, Score score, Lead lead, Reply reply, Instant createdAt) {

    public static final String TYPE_V1 = "followup.create-task.v1";
    public static final String TYPE = "followup.create-task.v2";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Score(double value, Map<String, Double> factors, List<String> explanation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lead(String displayName, String phone, String vehicle) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reply(String intent, Instant proposedAt, Boolean dayOnly, String timeZone, Question question,
            String lostReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Question(List<String> kinds, String text) {
    }
}
