package dev.followup.cadence.domain.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.followup.cadence.domain.LeadCadence;

/**
 * Where a lead stands in its plan and what is due: the one implementation of plan mechanics, used by the live
 * follow-up (with {@link Actions} that send and log) and by the projected timeline and preview (with actions that
 * only describe). It moves the lead's cursor ({@code nextStepIndex}, {@code nextStepAt}, the retry slot); what a
 * due step does is the actions' business.
 */
public final class PlanRunner {
    /** A due step may run this much early (timer polling, clock skew) without being re-scheduled. */
    public static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);
    /** When a plan catches up on steps whose time has passed, touches are spaced at least this much. */
    public static final Duration CATCH_UP_GAP = Duration.ofHours(1);
    private static final int MOST_STEPS_AT_ONCE = 32;

    /**
     * A step that is due now.
     *
     * @param stepKey the key of this attempt: the plan step's key, with {@code ~rN} for the Nth retry
     * @param index the step's position in the plan
     * @param followingAt when the plan wants its next touch (null after the last step): a touch that can only go
     *        later than that is superseded by it
     */
    public record DueStep(Plan.Step step, String stepKey, int index, boolean retry, Instant followingAt) {
    }

    /** What a due step did: moved on (sent, skipped, dropped, handed to a rep) or must wait until a later instant. */
    public sealed interface Result permits MoveOn, WaitUntil {
    }

    public record MoveOn() implements Result {
    }

    public record WaitUntil(Instant at) implements Result {
    }

    public static final Result MOVE_ON = new MoveOn();

    /** What the runner asks of its caller. */
    public interface Actions {
        Result run(LeadCadence lead, DueStep due, Instant now);

        void skipped(LeadCadence lead, DueStep due, String reason, Instant now);

        /** The lead is in the step's holdout: the step is skipped so that its lift can be measured. */
        default void heldOut(LeadCadence lead, DueStep due, Instant now) {
            skipped(lead, due, Holdouts.reason(due.step()), now);
        }

        void completed(LeadCadence lead, Instant now);
    }

    private PlanRunner() {
    }

    /** Starts a new run of a plan at its first step; {@code start} is the instant its offsets count from. */
    public static void start(LeadCadence lead, PlanKind kind, Plan plan, Instant start, Instant now, Actions actions) {
        lead.planKind = kind.key();
        lead.planRun++;
        lead.planStartedAt = start;
        lead.status = LeadCadence.ACTIVE;
        lead.retryStepKey = null;
        lead.retryAttempt = 0;
        position(lead, plan, 0, now, false, actions);
    }

    /** Points the lead at step {@code index} or later; past its last step the plan is complete. */
    public static void position(LeadCadence lead, Plan plan, int index, Instant now, boolean catchingUp, Actions actions) {
        List<Plan.Step> steps = plan.steps();
        boolean countsBack = lead.plan() == PlanKind.APPOINTMENT;
        while (index < steps.size() && countsBack && steps.get(index).offsetDuration().isNegative()
                && planned(lead, steps.get(index)).isBefore(now)) {
            Plan.Step passed = steps.get(index);
            actions.skipped(lead, new DueStep(passed, lead.stepKey(passed.id()), index, false, null),
                    "its time (" + planned(lead, passed) + ") had already passed when the plan started", now);
            index++;
        }
        lead.nextStepIndex = index;
        if (index >= steps.size()) {
            lead.nextStepAt = null;
            lead.status = LeadCadence.COMPLETE;
            actions.completed(lead, now);
            return;
        }
        Instant planned = planned(lead, steps.get(index));
        if (planned.isBefore(now)) {
            // A late step (deferred touch, resumed plan) must not be followed by a burst of catch-up touches.
            planned = catchingUp ? now.plus(CATCH_UP_GAP) : now;
        }
        lead.nextStepAt = planned;
    }

    /**
     * Runs whatever is due at {@code now}, in order.
     *
     * @return when the next step is due (the caller's timer), or null when nothing is: the lead is paused, complete or done
     */
    public static Instant runDue(LeadCadence lead, Plan plan, Instant now, Actions actions) {
        for (int i = 0; i < MOST_STEPS_AT_ONCE; i++) {
            if (!lead.isActive() || lead.nextStepAt == null) {
                return null;
            }
            if (lead.nextStepAt.isAfter(now.plus(EARLY_TOLERANCE))) {
                return lead.nextStepAt;
            }
            if (runOne(lead, plan, now, actions) instanceof WaitUntil wait) {
                lead.nextStepAt = wait.at();
            }
        }
        throw new IllegalStateException("lead " + lead.leadId + ": too many steps due at once");
    }

    /**
     * Plans another attempt of a refused touch, ahead of the plan's next step.
     *
     * @param baseKey the refused touch's step key without its {@code ~rN} suffix
     * @return why no retry was planned, or empty when it was
     */
    public static Optional<String> retry(LeadCadence lead, Plan plan, String baseKey, int attempt, Instant at) {
        if (!baseKey.startsWith(lead.planKind + "." + lead.planRun + ".")) {
            return Optional.of("the lead has moved on to another plan run");
        }
        if (lead.retryStepKey != null) {
            return Optional.of("another retry (" + lead.retryStepKey + ") is already planned");
        }
        if (lead.nextStepAt != null && !at.isBefore(lead.nextStepAt)) {
            return Optional.of("the plan's next step (due " + lead.nextStepAt + ") comes first and supersedes it");
        }
        if (plan.step(stepIdOf(baseKey)).isEmpty()) {
            return Optional.of("not a step of the current plan (a touch in place of a full call list is never retried)");
        }
        lead.retryStepKey = baseKey;
        lead.retryAttempt = attempt;
        lead.nextStepAt = at;
        return Optional.empty();
    }

    private static Result runOne(LeadCadence lead, Plan plan, Instant now, Actions actions) {
        List<Plan.Step> steps = plan.steps();
        if (lead.retryStepKey != null) {
            Optional<Plan.Step> step = lead.retryStepKey.startsWith(lead.planKind + "." + lead.planRun + ".")
                    ? plan.step(stepIdOf(lead.retryStepKey)) : Optional.empty();
            if (step.isPresent()) {
                Instant following = lead.nextStepIndex < steps.size() ? planned(lead, steps.get(lead.nextStepIndex)) : null;
                Result result = actions.run(lead, new DueStep(step.get(), lead.retryStepKey + "~r" + lead.retryAttempt,
                        steps.indexOf(step.get()), true, following), now);
                if (result instanceof WaitUntil) {
                    return result;
                }
            }
            lead.retryStepKey = null;
            position(lead, plan, lead.nextStepIndex, now, true, actions);
            return MOVE_ON;
        }
        int index = lead.nextStepIndex;
        Plan.Step step = steps.get(index);
        Instant following = index + 1 < steps.size() ? planned(lead, steps.get(index + 1)) : null;
        DueStep due = new DueStep(step, lead.stepKey(step.id()), index, false, following);
        Optional<String> skip = conditionThatSkips(lead, step);
        if (skip.isPresent()) {
            actions.skipped(lead, due, skip.get(), now);
        } else if (Holdouts.holdsOut(lead.leadId, step)) {
            actions.heldOut(lead, due, now);
        } else if (actions.run(lead, due, now) instanceof WaitUntil wait) {
            return wait;
        }
        position(lead, plan, index + 1, now, true, actions);
        return MOVE_ON;
    }

    public static Instant planned(LeadCadence lead, Plan.Step step) {
        return lead.planStartedAt.plus(step.offsetDuration());
    }

    static Optional<String> conditionThatSkips(LeadCadence lead, Plan.Step step) {
        for (String condition : step.conditions()) {
            if ("replied".equals(condition) && lead.replies > 0) {
                return Optional.of("skipped: the customer has replied");
            }
            if ("visited".equals(condition) && lead.lastVisitAt != null) {
                return Optional.of("skipped: the customer has visited the showroom");
            }
        }
        return Optional.empty();
    }

    /** {@code new-lead.1.first-touch} -> {@code first-touch}. */
    public static String stepIdOf(String stepKey) {
        String[] parts = stepKey.split("\\.", 3);
        return parts.length == 3 ? parts[2] : stepKey;
    }
}
