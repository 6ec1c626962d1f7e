package dev.followup.task.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.followup.task.domain.CustomerAsk;
import dev.followup.task.domain.Task;

/** A task as the rep API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(UUID id, UUID leadId, UUID dealerId, UUID repId, String kind, String status, Instant dueAt,
        boolean overdue, int priority, boolean urgent, String reason, Lead lead, Score score, CustomerAsk reply,
        String outcome, Instant appointmentAt, String note, Instant completedAt) {

    public record Lead(String displayName, String phone, String vehicle) {
    }

    public record Score(Double value, Map<String, Double> factors, java.util.List<String> explanation) {
    }

    public static TaskView of(Task task, Instant now) {
        return new TaskView(task.taskId, task.leadId, task.dealerId, task.repId, task.kind.wire(), task.status.wire(),
                task.dueAt, task.overdueAt(now), task.priority, task.urgent, task.reason,
                new Lead(task.leadDisplayName, task.leadPhone, task.leadVehicle),
                task.scoreValue == null && task.scoreFactors == null ? null : new Score(task.scoreValue, task.scoreFactors,
                        task.scoreExplanation),
                task.ask(),
                task.outcome == null ? null : task.outcome.wire(), task.appointmentAt, task.note, task.completedAt);
    }
}
