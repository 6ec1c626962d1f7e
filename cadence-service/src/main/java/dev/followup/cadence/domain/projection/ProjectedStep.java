package dev.followup.cadence.domain.projection;

import java.time.Instant;

import dev.followup.cadence.domain.plan.Channel;

/**
 * One step as the plan would carry it out, with the same rules as the live follow-up.
 *
 * @param kind what would happen: text, email, call-task, or the step's channel for one skipped or dropped
 * @param reason why at that time: deferrals (window, customer spacing), emailing instead, superseded, skipped
 * @param body the rendered text, or an email's subject, or a task's reason
 * @param segments SMS segments of a text
 */
public record ProjectedStep(String stepKey, String stepId, Channel channel, Instant at, String kind, String reason,
        String body, Integer segments) {
}
