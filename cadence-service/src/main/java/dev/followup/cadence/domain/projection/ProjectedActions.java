package dev.followup.cadence.domain.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.contact.ContactPolicy;
import dev.followup.cadence.domain.contact.Spacing;
import dev.followup.cadence.domain.contact.TouchRules;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.plan.PlanRunner;
import dev.followup.cadence.domain.step.TouchContent;

/**
 * The plan runner's actions for a projection: each due step is decided by the live {@link TouchRules} against a
 * {@link SimulatedRecipients}, and described instead of sent. A deferred step is described once, when it finally
 * goes, with the reason it waited.
 */
final class ProjectedActions implements PlanRunner.Actions {
    private final Dealer dealer;
    private final ContactPolicy policy;
    private final SimulatedRecipients recipients;
    private final MessageTemplate.Values values;
    private final List<ProjectedStep> steps = new ArrayList<>();
    private final Map<String, String> waitedBecause = new HashMap<>();

    ProjectedActions(Dealer dealer, ContactPolicy policy, SimulatedRecipients recipients, MessageTemplate.Values values) {
        this.dealer = dealer;
        this.policy = policy;
        this.recipients = recipients;
        this.values = values;
    }

    List<ProjectedStep> steps() {
        return steps;
    }

    @Override
    public PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
        TouchRules.Context context = new TouchRules.Context(lead, dealer, policy, recipients, now);
        Purpose purpose = Purpose.of(lead, due.index());
        boolean exempt = purpose == Purpose.FIRST_TOUCH;
        TouchContent content = TouchContent.of(due.step());
        return switch (due.step().channel()) {
            case TEXT -> carryOut(lead, due, TouchRules.text(context, purpose, exempt, due.followingAt()), content, purpose, now);
            case EMAIL -> carryOut(lead, due, TouchRules.email(context, exempt, due.followingAt()), content, purpose, now);
            case CALL -> {
                add(due, Channel.CALL, now, "call-task", "call task candidate (subject to the rep's daily cap and ranking)",
                        MessageTemplate.render(content.template(), values, false).body(), null);
                yield PlanRunner.MOVE_ON;
            }
        };
    }

    private PlanRunner.Result carryOut(LeadCadence lead, PlanRunner.DueStep due, TouchRules.Decision decision,
            TouchContent content, Purpose purpose, Instant now) {
        Channel channel = due.step().channel();
        String waited = waitedBecause.remove(due.stepKey());
        switch (decision.action()) {
            case DEFER -> {
                waitedBecause.put(due.stepKey(), waited == null ? decision.reason() : waited);
                return new PlanRunner.WaitUntil(decision.at());
            }
            case SEND -> {
                if (channel == Channel.TEXT) {
                    MessageTemplate.Rendered text = MessageTemplate.render(content.template(), values, !lead.firstTextSent);
                    lead.firstTextSent = true;
                    recipients.touched(Channel.TEXT, lead.phone, new Spacing.Touch(now, purpose.isSales()));
                    add(due, channel, now, "text", waited == null ? "text" : "text, " + waited, text.body(), text.segments());
                } else {
                    email(lead, due, content, purpose, now, waited == null ? "email" : "email, " + waited);
                }
            }
            case EMAIL_INSTEAD -> email(lead, due, content, purpose, now, "email: " + decision.reason());
            case DROP -> add(due, channel, decision.at(), channel.wire(), decision.reason(), null, null);
            case SKIP -> add(due, channel, now, channel.wire(), "skipped: " + decision.reason(), null, null);
        }
        return PlanRunner.MOVE_ON;
    }

    private void email(LeadCadence lead, PlanRunner.DueStep due, TouchContent content, Purpose purpose, Instant now, String reason) {
        recipients.touched(Channel.EMAIL, lead.email, new Spacing.Touch(now, purpose.isSales()));
        MessageTemplate.RenderedEmail email = MessageTemplate.renderEmail(content.subjectOrDefault(), content.template(),
                content.html(), values);
        add(due, Channel.EMAIL, now, "email", reason, email.subject(), null);
    }

    @Override
    public void skipped(LeadCadence lead, PlanRunner.DueStep due, String reason, Instant now) {
        add(due, due.step().channel(), now, due.step().channel().wire(), reason, null, null);
    }

    @Override
    public void completed(LeadCadence lead, Instant now) {
    }

    private void add(PlanRunner.DueStep due, Channel channel, Instant at, String kind, String reason, String body, Integer segments) {
        steps.add(new ProjectedStep(due.stepKey(), due.step().id(), channel, at, kind, reason, body, segments));
    }
}
