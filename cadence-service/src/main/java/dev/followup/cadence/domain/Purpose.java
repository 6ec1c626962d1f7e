package dev.followup.cadence.domain;

/** Why a text or email goes out: reporting, and which touches count as sales messages (Florida's limit). */
public enum Purpose {
    FIRST_TOUCH("first-touch"), CADENCE("cadence"), POST_VISIT("post-visit"), REMINDER("reminder");

    private final String wire;

    Purpose(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Sales messages count toward Florida's 3 in 24 hours; an appointment reminder is not one. */
    public boolean isSales() {
        return this != REMINDER;
    }

    /**
     * The purpose of the step at {@code index} of the lead's current plan. Only the first step of a new lead's first
     * plan (and its retries) is a first touch: the one touch exempt from the per-customer spacing.
     */
    public static Purpose of(LeadCadence lead, int index) {
        return switch (lead.plan()) {
            case NEW_LEAD, EMAIL_FIRST -> index == 0 && lead.planRun == 1 ? FIRST_TOUCH : CADENCE;
            case POST_VISIT -> POST_VISIT;
            case APPOINTMENT -> REMINDER;
            case RE_ENGAGE -> CADENCE;
        };
    }
}
