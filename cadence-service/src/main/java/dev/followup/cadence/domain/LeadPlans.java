package dev.followup.cadence.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.followup.cadence.domain.FollowUpCommands.TaskScope;
import dev.followup.cadence.domain.desk.RepDesk;
import dev.followup.cadence.domain.plan.Plan;
import dev.followup.cadence.domain.plan.PlanCatalog;
import dev.followup.cadence.domain.plan.PlanKind;
import dev.followup.cadence.domain.plan.PlanRunner;
import dev.followup.cadence.domain.step.ChannelSteps;
import dev.followup.platform.logging.Correlation;
import dev.followup.platform.time.MovableClock;

/**
 * Runs leads' plans live: starts, pauses, resumes and ends them, executes due steps through each channel's step,
 * and keeps one durable timer per lead for its next step. Every method runs inside the caller's transaction (a
 * consumer's inbox transaction or a timer firing) on a lead row the caller has locked, so a change, its commands
 * and its timer commit together. A re-run for the same input has no further effect: a stale timer is recognised by
 * its version, and task ids and send keys are deterministic.
 */
@ApplicationScoped
public class LeadPlans implements PlanRunner.Actions {
    private final PlanCatalog plans;
    private final ChannelSteps steps;
    private final DecisionLog log;
    private final StepTimers timers;
    private final RepDesk desk;
    private final FollowUpCommands commands;
    private final Clock clock;

    public LeadPlans(PlanCatalog plans, ChannelSteps steps, DecisionLog log, StepTimers timers, RepDesk desk,
            FollowUpCommands commands, MovableClock clock) {
        this.plans = plans;
        this.steps = steps;
        this.log = log;
        this.timers = timers;
        this.desk = desk;
        this.commands = commands;
        this.clock = clock;
    }

    /** The lead, locked until the transaction ends; null when this service does not know it. */
    public LeadCadence lock(UUID leadId) {
        return LeadCadence.findById(leadId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Plan currentPlan(LeadCadence lead) {
        return plans.plan(lead.dealerId, lead.plan());
    }

    public void start(LeadCadence lead, PlanKind kind, Instant start, String reason) {
        Instant now = clock.instant();
        lead.timerVersion++;
        log.record(lead.leadId, DecisionKind.PLAN_STARTED, null, null, reason + ": " + kind.key() + " plan", start, null);
        PlanRunner.start(lead, kind, plans.plan(lead.dealerId, kind), start, now, this);
        runDue(lead, now);
    }

    /** The customer is in conversation: no automated touch until a rep completes a task. */
    public void pause(LeadCadence lead, String reason) {
        Instant now = clock.instant();
        lead.status = LeadCadence.PAUSED;
        lead.timerVersion++;
        log.record(lead.leadId, DecisionKind.PAUSED, reason + ": all automation paused");
        desk.cancelTasks(lead, TaskScope.AUTOMATED, reason, now);
    }

    /** Back to the plan where it stood; steps whose time passed meanwhile are caught up one at a time. */
    public void resume(LeadCadence lead, String reason, Instant now) {
        lead.status = LeadCadence.ACTIVE;
        log.record(lead.leadId, DecisionKind.RESUMED, reason + ": automation resumes");
        PlanRunner.position(lead, currentPlan(lead), lead.nextStepIndex, now, true, this);
    }

    /** Sold or lost: the cadence ends and every open task of the lead goes. */
    public void end(LeadCadence lead, String reason) {
        Instant now = clock.instant();
        log.record(lead.leadId, DecisionKind.DONE, reason + (lead.isDone() ? "; the cadence had already ended" : ": cadence ended"));
        lead.status = LeadCadence.DONE;
        lead.nextStepAt = null;
        lead.retryStepKey = null;
        lead.timerVersion++;
        desk.cancelTasks(lead, TaskScope.ALL, reason, now);
    }

    public void appointment(LeadCadence lead, Instant appointmentAt, String reason) {
        if (appointmentAt == null) {
            log.record(lead.leadId, DecisionKind.STATUS_NOTED, reason + " without a time: plan unchanged");
            return;
        }
        start(lead, PlanKind.APPOINTMENT, appointmentAt, reason + " for " + appointmentAt);
    }

    /** Executes what is due now and schedules the timer for what comes next. */
    public void runDue(LeadCadence lead, Instant now) {
        Instant next = PlanRunner.runDue(lead, currentPlan(lead), now, this);
        if (next != null) {
            lead.timerVersion++;
            timers.schedule(lead.leadId, lead.timerVersion, next);
        }
    }

    /** A lead-step timer fired: re-read the lead, act on what is due, schedule what comes next. */
    @Transactional
    public void fire(UUID leadId, int timerVersion) {
        try (Correlation ids = Correlation.ofLead(leadId)) {
            LeadCadence lead = lock(leadId);
            if (lead == null || lead.timerVersion != timerVersion) {
                return;
            }
            runDue(lead, clock.instant());
        }
    }

    @Override
    public PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
        return steps.of(due.step().channel()).run(lead, due, now);
    }

    @Override
    public void skipped(LeadCadence lead, PlanRunner.DueStep due, String reason, Instant now) {
        log.record(lead.leadId, DecisionKind.STEP_SKIPPED, due.stepKey(), due.step().channel(), reason, now, null);
    }

    @Override
    public void heldOut(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
        PlanRunner.Actions.super.heldOut(lead, due, now);
        commands.heldOut(new FollowUpCommands.HeldOut(lead.leadId, lead.dealerId, due.stepKey(),
                due.step().channel().wire(), due.step().holdout(), now));
    }

    @Override
    public void completed(LeadCadence lead, Instant now) {
        log.record(lead.leadId, DecisionKind.PLAN_COMPLETE, lead.planKind + " plan complete: no further touches");
    }
}
