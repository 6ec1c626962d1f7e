package dev.followup.insights.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan step as a manager compares it: cadence keys a step of a plan's run as {@code <plan>.<run>.<step>}
 * ({@code new-lead.1.first-touch}); the run number only tells a re-started plan apart, so the report groups the
 * runs together as {@code new-lead.first-touch}, and a retry ({@code ...~r1}) counts for its step.
 */
public final class PlanStep {
    private static final Pattern RUN_KEY = Pattern.compile("^([a-z0-9-]+)\\.\\d+\\.(.+?)(~r\\d+)?$");

    private PlanStep() {
    }

    public static String of(String stepKey) {
        if (stepKey == null) {
            return null;
        }
        Matcher key = RUN_KEY.matcher(stepKey);
        return key.matches() ? key.group(1) + "." + key.group(2) : stepKey;
    }
}
