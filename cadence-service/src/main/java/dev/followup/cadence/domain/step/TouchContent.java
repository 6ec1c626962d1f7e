package dev.followup.cadence.domain.step;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Rep;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.plan.Plan;

/**
 * What a touch says: the step's template (a text, an email's plain text, or a task's reason), and for an email its
 * subject and optional HTML. A text that goes out as an email uses its subject, or {@link #DEFAULT_SUBJECT}.
 */
public record TouchContent(String template, String subject, String html) {
    public static final String DEFAULT_SUBJECT = "{dealer}: about {vehicle}";

    public static TouchContent of(Plan.Step step) {
        return new TouchContent(step.template(), step.subject(), step.html());
    }

    public String subjectOrDefault() {
        return subject == null ? DEFAULT_SUBJECT : subject;
    }

    /** The values templates are filled with, for this lead at this dealer, signed by its rep (or null). */
    public static MessageTemplate.Values values(LeadCadence lead, Dealer dealer, Rep rep) {
        return new MessageTemplate.Values(lead.firstName, lead.vehicle, rep == null ? null : rep.firstName(),
                dealer == null ? null : dealer.name);
    }
}
