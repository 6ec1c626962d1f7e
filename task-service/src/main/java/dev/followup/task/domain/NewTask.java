package dev.followup.task.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What a followup.create-task.v1 command asks for, in domain terms. */
public record NewTask(UUID taskId, UUID leadId, UUID dealerId, UUID repId, TaskKind kind, Instant dueAt, int priority,
        boolean urgent, String reason, Double scoreValue, Map<String, Double> scoreFactors, String leadDisplayName,
        String leadPhone, String leadVehicle, Instant createdAt) {
}
