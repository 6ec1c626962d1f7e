package dev.followup.cadence.domain.plan;

import java.util.UUID;

/**
 * Which leads a step holds out. The choice is a pure function of the lead id and the step id: the same lead is
 * held out of the same step on every run, replica and replay, and about {@code holdoutPercent} of the dealer's
 * leads are, independently for each step.
 */
public final class Holdouts {
    public static final int MOST_PERCENT = 50;

    private Holdouts() {
    }

    public static boolean holdsOut(UUID leadId, Plan.Step step) {
        return step.holdout() > 0 && bucket(leadId, step.id()) < step.holdout();
    }

    /** 0-99, spread evenly over lead ids (String.hashCode is fixed by the Java specification). */
    static int bucket(UUID leadId, String stepId) {
        int hash = (leadId + ":" + stepId).hashCode();
        return Math.floorMod(hash ^ (hash >>> 16), 100);
    }

    static String reason(Plan.Step step) {
        return "held out: this lead is in the " + step.holdout() + " % of leads the dealer holds out of this step"
                + " to measure what it adds";
    }
}
