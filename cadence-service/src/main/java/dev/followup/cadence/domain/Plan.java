package dev.followup.cadence.domain;

import java.time.Duration;
import java.util.List;

/** A plan as data: steps at offsets from the plan's start (for appointments: from the appointment). */
public record Plan(String kind, List<Step> steps) {

    /**
     * @param id stable step id (part of the send idempotency key and of task ids)
     * @param offset ISO-8601 duration from the plan's start, e.g. PT1H, P3D, -PT2H (appointment plans only)
     * @param channel {@code text} or {@code call}
     * @param template the text body (text) or the task reason shown to the rep (call), with {firstName},
     *        {vehicle}, {rep}, {dealer}
     * @param unless conditions that skip the step: {@code replied} (the customer ever replied), {@code visited}
     *        (the customer came to the showroom)
     */
    public record Step(String id, String offset, String channel, String template, List<String> unless) {
        public Duration offsetDuration() {
            return Duration.parse(offset);
        }

        public boolean isText() {
            return "text".equals(channel);
        }

        public boolean isCall() {
            return "call".equals(channel);
        }

        public List<String> conditions() {
            return unless == null ? List.of() : unless;
        }
    }
}
