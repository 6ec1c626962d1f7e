package dev.followup.task.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A task on a rep's list, created by a followup.create-task.v1 command and worked through the rep API. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {
    @Id
    @Column(name = "task_id")
    public UUID taskId;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "rep_id")
    public UUID repId;
    public TaskKind kind;
    @Column(name = "due_at")
    public Instant dueAt;
    public int priority;
    public boolean urgent;
    public String reason;
    @Column(name = "score_value")
    public Double scoreValue;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "score_factors")
    public Map<String, Double> scoreFactors;
    /** Each factor's contribution in words, e.g. "replied twice: +0.21". */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "score_explanation")
    public java.util.List<String> scoreExplanation;
    @Column(name = "lead_display_name")
    public String leadDisplayName;
    @Column(name = "lead_phone")
    public String leadPhone;
    @Column(name = "lead_vehicle")
    public String leadVehicle;
    public TaskStatus status;
    /** When cadence-service issued the command; a cancel only drops tasks created before it. */
    @Column(name = "created_at")
    public Instant createdAt;
    public Outcome outcome;
    @Column(name = "appointment_at")
    public Instant appointmentAt;
    public String note;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "completed_by")
    public UUID completedBy;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "cancel_reason")
    public String cancelReason;
    /** What the customer's reply asked for (CustomerAsk), for a task made from one. */
    @Column(name = "reply_intent")
    public String replyIntent;
    @Column(name = "proposed_at")
    public Instant proposedAt;
    @Column(name = "proposed_day_only")
    public boolean proposedDayOnly;
    @Column(name = "proposed_zone")
    public String proposedZone;
    /** Comma-separated: price, availability, trade-in, financing. */
    @Column(name = "question_kinds")
    public String questionKinds;
    @Column(name = "question_text")
    public String questionText;
    @Column(name = "lost_reason")
    public String lostReason;

    public boolean isOpen() {
        return status == TaskStatus.OPEN;
    }

    public boolean overdueAt(Instant now) {
        return isOpen() && dueAt.isBefore(now);
    }

    public CustomerAsk ask() {
        return replyIntent == null ? null : new CustomerAsk(replyIntent, proposedAt, proposedDayOnly, proposedZone,
                questionKinds == null ? java.util.List.of() : java.util.List.of(questionKinds.split(",")), questionText,
                lostReason);
    }
}
