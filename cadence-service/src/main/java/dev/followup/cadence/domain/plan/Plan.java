package dev.followup.cadence.domain.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A plan as data: steps at offsets from the plan's start (for appointments: from the appointment). */
public record Plan(String kind, List<Step> steps) {

    /**
     * @param id stable step id (part of the send idempotency key and of task ids)
     * @param offset ISO-8601 duration from the plan's start, e.g. PT1H, P3D, -PT2H (appointment plans only)
     * @param channel text, email or call
     * @param template the text body (text), the plain-text body (email) or the reason shown to the rep (call), with
     *        {firstName}, {vehicle}, {rep}, {dealer}
     * @param subject email subject (email steps; text steps use it when they go out as an email instead)
     * @param html optional HTML body of an email step; without it the plain text is sent as simple HTML
     * @param unless conditions that skip the step: {@code replied} (the customer ever replied), {@code visited}
     *        (the customer came to the showroom)
     * @param holdoutPercent the share of the dealer's leads (1-50) held out from this text or email step, chosen
     *        from the lead id, so reports can show what the step adds; null holds out nobody
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String id, String offset, Channel channel, String template, String subject, String html,
            List<String> unless, Integer holdoutPercent) {
        public Duration offsetDuration() {
            return Duration.parse(offset);
        }

        public List<String> conditions() {
            return unless == null ? List.of() : unless;
        }

        public int holdout() {
            return holdoutPercent == null ? 0 : holdoutPercent;
        }
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
