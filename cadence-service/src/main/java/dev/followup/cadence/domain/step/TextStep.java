package dev.followup.cadence.domain.step;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.contact.ContactLedger;
import dev.followup.cadence.domain.contact.ContactPolicies;
import dev.followup.cadence.domain.contact.Spacing;
import dev.followup.cadence.domain.contact.TouchRules;
import dev.followup.cadence.domain.contact.TouchRules.Decision;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.plan.PlanRunner;
import dev.followup.platform.metrics.CommittedMetrics;
import io.quarkus.runtime.StartupEvent;

/** A text step: decided by {@link TouchRules#text}, then sent, emailed instead, deferred, dropped or skipped. */
@ApplicationScoped
public class TextStep implements ChannelStep {
    private static final String FIRST_TEXT_REQUEST_DELAY = "followup.first.text.request.delay";
    private static final String FIRST_TEXT_REQUEST_DELAY_HELP =
            "From a lead received (lead-service) to its first text requested (cadence): the consumers' lag";

    private final Directory directory;
    private final ContactLedger ledger;
    private final ContactPolicies policies;
    private final DecisionLog log;
    private final FollowUpCommands commands;
    private final EmailStep email;
    private final CommittedMetrics metrics;

    public TextStep(Directory directory, ContactLedger ledger, ContactPolicies policies, DecisionLog log,
            FollowUpCommands commands, EmailStep email, CommittedMetrics metrics) {
        this.directory = directory;
        this.ledger = ledger;
        this.policies = policies;
        this.log = log;
        this.commands = commands;
        this.email = email;
        this.metrics = metrics;
    }

    /** The speed-to-lead alert reads this histogram: it exists from startup, before the first text. */
    void declareMetrics(@Observes StartupEvent startup) {
        metrics.declareDuration(FIRST_TEXT_REQUEST_DELAY, FIRST_TEXT_REQUEST_DELAY_HELP);
    }

    @Override
    public PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
        Dealer dealer = directory.dealer(lead.dealerId);
        Purpose purpose = Purpose.of(lead, due.index());
        boolean exempt = purpose == Purpose.FIRST_TOUCH;
        Decision decision = decide(lead, dealer, purpose, exempt, due.followingAt(), now);
        carryOut(lead, dealer, decision, due.stepKey(), TouchContent.of(due.step()), purpose, exempt, now);
        return decision.action() == TouchRules.Action.DEFER ? new PlanRunner.WaitUntil(decision.at()) : PlanRunner.MOVE_ON;
    }

    /** Locks the customer's recipients and decides; the decision holds until the transaction ends. */
    public Decision decide(LeadCadence lead, Dealer dealer, Purpose purpose, boolean exempt, Instant followingAt, Instant now) {
        return TouchRules.text(ledger.lockedContext(lead, dealer, policies.of(lead.dealerId), now), purpose, exempt,
                followingAt);
    }

    public void carryOut(LeadCadence lead, Dealer dealer, Decision decision, String stepKey, TouchContent content,
            Purpose purpose, boolean exempt, Instant now) {
        switch (decision.action()) {
            case SEND -> send(lead, dealer, stepKey, content.template(), purpose, exempt, decision.sendBefore(), now);
            case EMAIL_INSTEAD -> email.send(lead, dealer, stepKey, content, purpose, false, decision.reason(), now);
            case SKIP -> log.record(lead.leadId, DecisionKind.TEXT_SKIPPED, stepKey, Channel.TEXT, decision.reason(), now, null);
            case DROP -> log.record(lead.leadId, DecisionKind.TEXT_DROPPED, stepKey, Channel.TEXT, decision.reason(), now, null);
            case DEFER -> log.record(lead.leadId, DecisionKind.TEXT_DEFERRED, stepKey, Channel.TEXT, decision.reason(),
                    decision.at(), null);
        }
    }

    private void send(LeadCadence lead, Dealer dealer, String stepKey, String template, Purpose purpose, boolean exempt,
            Instant sendBefore, Instant now) {
        MessageTemplate.Rendered rendered = MessageTemplate.render(template, TouchContent.values(lead, dealer, directory.rep(lead.repId)), !lead.firstTextSent);
        String key = lead.leadId + ":" + stepKey;
        ledger.record(key, lead.leadId, lead.dealerId, Channel.TEXT, lead.phone, stepKey, purpose, exempt, now);
        commands.send(new FollowUpCommands.Text(key, lead.leadId, lead.dealerId, lead.phone, rendered.body(), purpose,
                stepKey, now, sendBefore));
        if (purpose == Purpose.FIRST_TOUCH && lead.receivedAt != null) {
            metrics.record(FIRST_TEXT_REQUEST_DELAY, FIRST_TEXT_REQUEST_DELAY_HELP, Duration.between(lead.receivedAt, now));
        }
        lead.firstTextSent = true;
        log.record(lead.leadId, DecisionKind.TEXT_SENT, stepKey, Channel.TEXT, purpose.wire() + " text, "
                + rendered.segments() + " SMS segment(s) " + rendered.encoding() + ", to be sent before "
                + Spacing.local(sendBefore, TouchRules.zoneOf(lead, dealer).zone()) + (exempt ? " (a new lead's first touch: not held back by spacing)" : ""),
                now, rendered.body());
    }
}
