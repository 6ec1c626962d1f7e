package dev.followup.task.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a followup.create-task command asks for, in domain terms.
 *
 * @param ask what the customer's reply asked for, when the task comes from one; else null
 */
public record NewTask(UUID taskId, UUID leadId, UUID dealerId, UUID repId, TaskKind kind, Instant dueAt, int priority,
        boolean urgent, String reason, Double scoreValue, Map<String, Double> scoreFactors,
        java.util.List<String> scoreExplanation, String leadDisplayName,
        String leadPhone, String leadVehicle, CustomerAsk ask, Instant createdAt) {
}
