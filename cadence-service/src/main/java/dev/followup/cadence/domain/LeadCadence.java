package dev.followup.cadence.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.followup.cadence.domain.desk.LeadScore;
import dev.followup.cadence.domain.plan.PlanKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One lead's follow-up state: how to reach the customer, the plan and where the lead stands in it (the plan
 * runner's cursor), and what ranking needs.
 */
@Entity
@Table(name = "lead_cadence")
public class LeadCadence extends PanacheEntityBase {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    /** The plan ran out without an outcome: a new buying signal starts another plan. */
    public static final String COMPLETE = "complete";
    /** Ended by an outcome (sold, lost): nothing automated follows until the lead is reopened. */
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
    /** False once the carrier said the number cannot take texts (invalid, landline). */
    @Column(name = "phone_textable")
    public boolean phoneTextable = true;
    public String email;
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
    /** A refused touch waiting to be tried again before the next plan step: its step key without the ~rN suffix. */
    @Column(name = "retry_step_key")
    public String retryStepKey;
    @Column(name = "retry_attempt")
    public int retryAttempt;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "last_visit_at")
    public Instant lastVisitAt;
    /** When the lead last reacted to a buying signal (creation, or a merge outside the coalescing window). */
    @Column(name = "last_buying_signal_at")
    public Instant lastBuyingSignalAt;
    public int replies;
    public int merges;
    @Column(name = "reached_calls")
    public int reachedCalls;
    @Column(name = "first_text_sent")
    public boolean firstTextSent;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean isPaused() {
        return PAUSED.equals(status);
    }

    public boolean isDone() {
        return DONE.equals(status);
    }

    /** Not following up right now because the plan ran out (complete) or the lead was closed (done). */
    public boolean isIdle() {
        return COMPLETE.equals(status) || DONE.equals(status);
    }

    public PlanKind plan() {
        return PlanKind.ofKey(planKind).orElse(PlanKind.NEW_LEAD);
    }

    /** The step key used in idempotency keys and task ids: unique per plan run, stable across re-runs. */
    public String stepKey(String stepId) {
        return planKind + "." + planRun + "." + stepId;
    }

    /** Recency is measured from when this service took the lead in, on its own clock (lead-service's may differ). */
    public LeadScore.Inputs scoreInputs(java.time.ZoneId dealerZone) {
        return new LeadScore.Inputs(createdAt, lastVisitAt, replies, merges, source, nextStepIndex, reachedCalls,
                vehicle != null && !vehicle.isBlank(), createdAt.atZone(dealerZone).getHour());
    }

    /** A detached copy, for projecting the plan without touching the stored lead. */
    public LeadCadence copy() {
        LeadCadence c = new LeadCadence();
        c.leadId = leadId;
        c.dealerId = dealerId;
        c.repId = repId;
        c.source = source;
        c.firstName = firstName;
        c.displayName = displayName;
        c.phone = phone;
        c.phoneTextable = phoneTextable;
        c.email = email;
        c.postalCode = postalCode;
        c.vehicle = vehicle;
        c.textConsent = textConsent;
        c.status = status;
        c.planKind = planKind;
        c.planRun = planRun;
        c.planStartedAt = planStartedAt;
        c.nextStepIndex = nextStepIndex;
        c.nextStepAt = nextStepAt;
        c.timerVersion = timerVersion;
        c.retryStepKey = retryStepKey;
        c.retryAttempt = retryAttempt;
        c.receivedAt = receivedAt;
        c.lastVisitAt = lastVisitAt;
        c.lastBuyingSignalAt = lastBuyingSignalAt;
        c.replies = replies;
        c.merges = merges;
        c.reachedCalls = reachedCalls;
        c.firstTextSent = firstTextSent;
        c.createdAt = createdAt;
        return c;
    }
}
