package dev.followup.cadence.domain.reaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.domain.likelihood.ScoreSnapshots;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.Plan;
import dev.followup.platform.time.MovableClock;

/** Reactions to a rep completing a task: an outcome ends, changes or re-times the plan; a paused lead resumes. */
@ApplicationScoped
public class TaskReactions {
    public enum Outcome { REACHED, LEFT_VOICEMAIL, NO_ANSWER, APPOINTMENT_SET, SOLD, LOST }

    public record TaskOutcome(UUID leadId, String kind, Outcome outcome, Instant appointmentAt) {
    }

    private final LeadPlans plans;
    private final DecisionLog log;
    private final Clock clock;
    private final ScoreSnapshots snapshots;

    public TaskReactions(LeadPlans plans, DecisionLog log, MovableClock clock, ScoreSnapshots snapshots) {
        this.snapshots = snapshots;
        this.plans = plans;
        this.log = log;
        this.clock = clock;
    }

    public void onCompleted(TaskOutcome event) {
        LeadCadence lead = plans.lock(event.leadId());
        if (lead == null) {
            return;
        }
        String outcome = event.outcome().name().toLowerCase().replace('_', '-');
        switch (event.outcome()) {
            case SOLD, APPOINTMENT_SET -> snapshots.markClosed(lead.leadId, clock.instant());
            case REACHED -> lead.reachedCalls++;
            default -> {
            }
        }
        switch (event.outcome()) {
            case SOLD, LOST -> plans.end(lead, "task outcome: " + outcome);
            case APPOINTMENT_SET -> plans.appointment(lead, event.appointmentAt(), "task outcome: appointment set");
            case REACHED, LEFT_VOICEMAIL, NO_ANSWER -> retime(lead, event, outcome);
        }
    }

    private void retime(LeadCadence lead, TaskOutcome event, String outcome) {
        Instant now = clock.instant();
        if (lead.isIdle()) {
            log.record(lead.leadId, DecisionKind.OUTCOME_NOTED, "task outcome " + outcome + "; the lead's plan is "
                    + (lead.isDone() ? "closed" : "complete"));
            return;
        }
        if (lead.isPaused()) {
            plans.resume(lead, "rep completed the " + event.kind() + " task (" + outcome + ")", now);
        }
        if (lead.nextStepAt == null) {
            return;
        }
        Instant before = lead.nextStepAt;
        switch (event.outcome()) {
            case REACHED -> lead.nextStepAt = later(lead.nextStepAt, now.plus(Duration.ofDays(2)));
            case LEFT_VOICEMAIL -> lead.nextStepAt = later(lead.nextStepAt, now.plus(Duration.ofDays(1)));
            case NO_ANSWER -> {
                Plan.Step next = lead.nextStepIndex < plans.currentPlan(lead).steps().size()
                        ? plans.currentPlan(lead).steps().get(lead.nextStepIndex) : null;
                if (next != null && next.channel() != Channel.CALL && lead.nextStepAt.isAfter(now.plus(Duration.ofHours(1)))) {
                    lead.nextStepAt = now.plus(Duration.ofHours(1));
                }
            }
            default -> {
            }
        }
        log.record(lead.leadId, DecisionKind.OUTCOME_NOTED, null, null, "task outcome " + outcome
                + (before.equals(lead.nextStepAt) ? ": plan unchanged" : ": next touch moved"), lead.nextStepAt, null);
        plans.runDue(lead, now);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
