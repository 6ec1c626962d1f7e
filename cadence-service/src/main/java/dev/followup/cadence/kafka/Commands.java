package dev.followup.cadence.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The commands cadence-service publishes on cadence-commands (contracts/events/followup.*.v1). */
final class Commands {
    static final String TOPIC = "cadence-commands";
    static final String SEND_MESSAGE = "followup.send-message.v1";
    static final String SEND_EMAIL = "followup.send-email.v1";
    static final String CREATE_TASK = "followup.create-task.v2";
    static final String CANCEL_TASKS = "followup.cancel-tasks.v1";
    static final String STEP_HELD_OUT = "followup.step-held-out.v1";
    static final String CALL_OVER_CAP = "followup.call-over-cap.v1";

    private Commands() {
    }

    record SendMessage(String idempotencyKey, UUID leadId, UUID dealerId, String to, String body, String purpose,
            String stepId, Instant requestedAt, Instant sendBefore) {
    }

    record SendEmail(String idempotencyKey, UUID leadId, UUID dealerId, String toAddress, String subject, String text,
            String html, String purpose, String stepId, Instant requestedAt) {
    }

    record Score(double value, Map<String, Double> factors, List<String> explanation) {
    }

    record TaskLead(String displayName, String phone, String vehicle) {
    }

    record CreateTask(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, Instant dueAt, int priority,
            boolean urgent, String reason, Score score, TaskLead lead, TaskReply reply, Instant createdAt) {
    }

    record TaskReply(String intent, Instant proposedAt, boolean dayOnly, String timeZone, Question question,
            String lostReason) {
    }

    record Question(List<String> kinds, String text) {
    }

    record CancelTasks(UUID leadId, UUID dealerId, String scope, String reason, Instant cancelledAt) {
    }

    record StepHeldOut(UUID leadId, UUID dealerId, String stepId, String channel, int holdoutPercent, Instant heldOutAt) {
    }

    record CallOverCap(UUID leadId, UUID dealerId, UUID repId, String stepId, String instead, String reason,
            Instant decidedAt) {
    }
}
