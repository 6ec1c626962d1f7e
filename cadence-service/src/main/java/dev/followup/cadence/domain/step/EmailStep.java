package dev.followup.cadence.domain.step;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.contact.ContactLedger;
import dev.followup.cadence.domain.contact.ContactPolicies;
import dev.followup.cadence.domain.contact.TouchRules;
import dev.followup.cadence.domain.contact.TouchRules.Decision;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.plan.PlanRunner;

/** An email step: decided by {@link TouchRules#email}, then sent, deferred, dropped or skipped. */
@ApplicationScoped
public class EmailStep implements ChannelStep {
    private final Directory directory;
    private final ContactLedger ledger;
    private final ContactPolicies policies;
    private final DecisionLog log;
    private final FollowUpCommands commands;

    public EmailStep(Directory directory, ContactLedger ledger, ContactPolicies policies, DecisionLog log,
            FollowUpCommands commands) {
        this.directory = directory;
        this.ledger = ledger;
        this.policies = policies;
        this.log = log;
        this.commands = commands;
    }

    @Override
    public PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
        Dealer dealer = directory.dealer(lead.dealerId);
        Purpose purpose = Purpose.of(lead, due.index());
        boolean exempt = purpose == Purpose.FIRST_TOUCH;
        Decision decision = TouchRules.email(ledger.lockedContext(lead, dealer, policies.of(lead.dealerId), now), exempt,
                due.followingAt());
        String key = due.stepKey();
        switch (decision.action()) {
            case SEND, EMAIL_INSTEAD -> send(lead, dealer, key, TouchContent.of(due.step()), purpose, exempt, null, now);
            case SKIP -> log.record(lead.leadId, DecisionKind.EMAIL_SKIPPED, key, Channel.EMAIL, decision.reason(), now, null);
            case DROP -> log.record(lead.leadId, DecisionKind.EMAIL_DROPPED, key, Channel.EMAIL, decision.reason(), now, null);
            case DEFER -> log.record(lead.leadId, DecisionKind.EMAIL_DEFERRED, key, Channel.EMAIL, decision.reason(),
                    decision.at(), null);
        }
        return decision.action() == TouchRules.Action.DEFER ? new PlanRunner.WaitUntil(decision.at()) : PlanRunner.MOVE_ON;
    }

    /**
     * Sends the touch as an email; the caller has decided it may go (and locked the recipient).
     *
     * @param why why it is an email although the step is not (a text that could not go), or null
     */
    public void send(LeadCadence lead, Dealer dealer, String stepKey, TouchContent content, Purpose purpose, boolean exempt,
            String why, Instant now) {
        MessageTemplate.RenderedEmail email = MessageTemplate.renderEmail(content.subjectOrDefault(), content.template(),
                content.html(), TouchContent.values(lead, dealer, directory.rep(lead.repId)));
        String key = lead.leadId + ":" + stepKey;
        ledger.record(key, lead.leadId, lead.dealerId, Channel.EMAIL, lead.email, stepKey, purpose, exempt, now);
        commands.send(new FollowUpCommands.Email(key, lead.leadId, lead.dealerId, lead.email, email.subject(), email.text(),
                email.html(), purpose, stepKey, now));
        log.record(lead.leadId, DecisionKind.EMAIL_SENT, stepKey, Channel.EMAIL, purpose.wire() + " email"
                + (why == null ? "" : ": " + why), now, email.subject());
    }
}
