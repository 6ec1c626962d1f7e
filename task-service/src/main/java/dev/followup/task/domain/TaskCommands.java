package dev.followup.task.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Carries out cadence-service's task commands. Both are idempotent. */
@ApplicationScoped
public class TaskCommands {
    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public TaskCommands(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** @return true if the task was created, false if a task with this id already exists (a repeated command). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean create(NewTask task) {
        CustomerAsk ask = task.ask();
        return entityManager.createNativeQuery("""
                insert into task (task_id, lead_id, dealer_id, rep_id, kind, due_at, priority, urgent, reason,
                    score_value, score_factors, lead_display_name, lead_phone, lead_vehicle, status, created_at,
                    reply_intent, proposed_at, proposed_day_only, proposed_zone, question_kinds, question_text, lost_reason,
                    score_explanation)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, cast(?11 as jsonb), ?12, ?13, ?14, 'open', ?15,
                    ?16, ?17, ?18, ?19, ?20, ?21, ?22, cast(?23 as jsonb))
                on conflict (task_id) do nothing""")
                .setParameter(1, task.taskId()).setParameter(2, task.leadId()).setParameter(3, task.dealerId())
                .setParameter(4, task.repId()).setParameter(5, task.kind().wire()).setParameter(6, task.dueAt())
                .setParameter(7, task.priority()).setParameter(8, task.urgent()).setParameter(9, task.reason())
                .setParameter(10, task.scoreValue()).setParameter(11, json(task.scoreFactors()))
                .setParameter(12, task.leadDisplayName()).setParameter(13, task.leadPhone())
                .setParameter(14, task.leadVehicle()).setParameter(15, task.createdAt())
                .setParameter(16, ask == null ? null : ask.intent())
                .setParameter(17, ask == null ? null : ask.proposedAt())
                .setParameter(18, ask != null && ask.dayOnly())
                .setParameter(19, ask == null ? null : ask.timeZone())
                .setParameter(20, ask == null || ask.questionKinds().isEmpty() ? null : String.join(",", ask.questionKinds()))
                .setParameter(21, ask == null ? null : ask.question())
                .setParameter(22, ask == null ? null : ask.lostReason())
                .setParameter(23, json(task.scoreExplanation()))
                .executeUpdate() == 1;
    }

    /**
     * Cancels the lead's open tasks created before {@code cancelledAt}: the plan's call and text tasks, and with
     * {@code includeRepliedCustomer} the replied-customer ones too. Tasks created after the command are kept.
     *
     * @return how many tasks were cancelled
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancel(UUID leadId, UUID dealerId, boolean includeRepliedCustomer, String reason, Instant cancelledAt) {
        List<TaskKind> kinds = includeRepliedCustomer ? List.of(TaskKind.values())
                : List.of(TaskKind.CALL, TaskKind.TEXT);
        return entityManager.createQuery("""
                update Task set status = :cancelled, cancelledAt = :at, cancelReason = :reason
                where leadId = :lead and dealerId = :dealer and status = :open and createdAt < :at and kind in :kinds""")
                .setParameter("cancelled", TaskStatus.CANCELLED).setParameter("at", cancelledAt)
                .setParameter("reason", reason).setParameter("lead", leadId).setParameter("dealer", dealerId)
                .setParameter("open", TaskStatus.OPEN).setParameter("kinds", kinds)
                .executeUpdate();
    }

    private String json(Object score) {
        if (score == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(score);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the score cannot be written as JSON", e);
        }
    }
}
