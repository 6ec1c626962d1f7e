package dev.followup.cadence.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The commands cadence-service publishes on cadence-commands (contracts/events/followup.*.v1). */
public final class Commands {
    public static final String TOPIC = "cadence-commands";
    public static final String SEND_MESSAGE = "followup.send-message.v1";
    public static final String CREATE_TASK = "followup.create-task.v1";
    public static final String CANCEL_TASKS = "followup.cancel-tasks.v1";

    private Commands() {
    }

    public record SendMessage(String idempotencyKey, UUID leadId, UUID dealerId, String to, String body,
            String purpose, String stepId, Instant requestedAt, Instant sendBefore) {
    }

    public record Score(double value, Map<String, Double> factors) {
    }

    public record TaskLead(String displayName, String phone, String vehicle) {
    }

    public record CreateTask(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, Instant dueAt,
            int priority, boolean urgent, String reason, Score score, TaskLead lead, Instant createdAt) {
    }

    public record CancelTasks(UUID leadId, UUID dealerId, String scope, String reason, Instant cancelledAt) {
    }
}
