package dev.followup.cadence.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One lead's follow-up state: its plan, the next step and when it is due, and what ranking needs. */
@Entity
@Table(name = "lead_cadence")
public class LeadCadence extends PanacheEntityBase {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String DONE = "done";

    @Id
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "rep_id")
    public UUID repId;
    public String source;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "display_name")
    public String displayName;
    public String phone;
    @Column(name = "postal_code")
    public String postalCode;
    public String vehicle;
    @Column(name = "text_consent")
    public boolean textConsent;
    public String status;
    @Column(name = "plan_kind")
    public String planKind;
    @Column(name = "plan_run")
    public int planRun;
    @Column(name = "plan_started_at")
    public Instant planStartedAt;
    @Column(name = "next_step_index")
    public int nextStepIndex;
    @Column(name = "next_step_at")
    public Instant nextStepAt;
    @Column(name = "timer_version")
    public int timerVersion;
    @Column(name = "resend_step_id")
    public String resendStepId;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "last_visit_at")
    public Instant lastVisitAt;
    public int replies;
    public int merges;
    @Column(name = "first_text_sent")
    public boolean firstTextSent;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean isDone() {
        return DONE.equals(status);
    }

    /** The step key used in idempotency keys and task ids: unique per plan run, stable across re-runs. */
    public String stepKey(String stepId) {
        return planKind + "." + planRun + "." + stepId;
    }

    /** Recency is measured from when this service took the lead in, on its own clock (lead-service's may differ). */
    public LeadScore.Inputs scoreInputs() {
        return new LeadScore.Inputs(createdAt, lastVisitAt, replies, merges, source);
    }
}
