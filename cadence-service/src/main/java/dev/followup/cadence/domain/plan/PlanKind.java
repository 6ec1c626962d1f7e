package dev.followup.cadence.domain.plan;

import java.util.Arrays;
import java.util.Optional;

public enum PlanKind {
    /** A new lead with a textable phone: instant text, front-loaded touches in 72 h and 14 days, sparse texts to day 60. */
    NEW_LEAD("new-lead"),
    /** A new lead with an email but no textable phone: the same shape, by email. */
    EMAIL_FIRST("email-first"),
    /** After a showroom visit: thank-you text the same day, a call within 72 hours. */
    POST_VISIT("post-visit"),
    /** A duplicate lead arrived (a buying signal): re-engage without a second first touch. */
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

    /** The plan a brand-new lead starts on. */
    public boolean startsANewLead() {
        return this == NEW_LEAD || this == EMAIL_FIRST;
    }

    public static Optional<PlanKind> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(PlanKind::key).toList());
    }
}
