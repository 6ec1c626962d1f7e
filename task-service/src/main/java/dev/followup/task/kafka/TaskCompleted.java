package dev.followup.task.kafka;

import java.time.Instant;
import java.util.UUID;

import dev.followup.task.domain.Outcome;
import dev.followup.task.domain.TaskKind;

/** task.completed.v1 on task-events, keyed by leadId. repId is the rep (or manager) who completed it. */
public record TaskCompleted(UUID taskId, UUID leadId, UUID dealerId, UUID repId, TaskKind kind, Outcome outcome,
        Instant appointmentAt, String note, Instant completedAt) {
    public static final String TYPE = "task.completed.v1";
    public static final String TOPIC = "task-events";
}
