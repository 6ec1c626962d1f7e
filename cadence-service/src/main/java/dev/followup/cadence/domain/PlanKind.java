package dev.followup.cadence.domain;

import java.util.Arrays;
import java.util.Optional;

public enum PlanKind {
    /** A new lead: instant text, front-loaded touches in 72 h and 14 days, sparse texts to about day 60. */
    NEW_LEAD("new-lead"),
    /** After a showroom visit: thank-you text the same day, a call within 72 hours. */
    POST_VISIT("post-visit"),
    /** A duplicate lead arrived (a buying signal): re-engage without a second first text. */
    RE_ENGAGE("re-engage"),
    /** An appointment was set: reminders, offsets relative to the appointment. */
    APPOINTMENT("appointment");

    private final String key;

    PlanKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PlanKind> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
