package dev.followup.task.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a customer's reply asked for, as cadence-service understood it (followup.create-task.v2 reply).
 *
 * @param intent appointment, call-me, question, not-looking or other
 * @param proposedAt the visit or call time the customer proposed, or null
 * @param dayOnly a day was named without a time
 * @param timeZone the customer's zone, in which the proposal was read
 * @param questionKinds price, availability, trade-in, financing; empty when nothing is asked
 * @param lostReason bought-elsewhere or no-longer-looking, for a task that proposes closing the lead as lost
 */
public record CustomerAsk(String intent, Instant proposedAt, boolean dayOnly, String timeZone, List<String> questionKinds,
        String question, String lostReason) {

    public static final String APPOINTMENT = "appointment";
    public static final String CALL_ME = "call-me";
    public static final String QUESTION = "question";
    public static final String NOT_LOOKING = "not-looking";

    /** "bought elsewhere", as the rep reads it. */
    public String lostReasonWords() {
        return lostReason == null ? null : lostReason.replace('-', ' ');
    }
}
