package dev.followup.cadence.domain.step;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands;
import dev.followup.cadence.domain.FollowUpCommands.TaskKind;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.contact.TouchRules;
import dev.followup.cadence.domain.desk.LeadScore;
import dev.followup.cadence.domain.desk.RepDesk;
import dev.followup.cadence.domain.likelihood.LeadScoring;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.directory.Rep;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.plan.PlanRunner;

/**
 * A call step: a call task on the rep's list when the rep's day has room for the lead's score; otherwise an
 * automated touch in its place, if the customer's spacing allows one right now, or nothing, with the reason.
 */
@ApplicationScoped
public class CallStep implements ChannelStep {
    static final String OVERFLOW_TEXT = "Hi {firstName}, {rep} at {dealer} here. Any questions about {vehicle}? Just reply to this text.";

    private final Directory directory;
    private final RepDesk desk;
    private final TextStep text;
    private final DecisionLog log;
    private final LeadScoring scoring;

    public CallStep(Directory directory, RepDesk desk, TextStep text, DecisionLog log, LeadScoring scoring) {
        this.scoring = scoring;
        this.directory = directory;
        this.desk = desk;
        this.text = text;
        this.log = log;
    }

    @Override
    public PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
        call(lead, due.stepKey(), due.step().template(), now, true);
        return PlanRunner.MOVE_ON;
    }

    /** A call in place of a touch that failed: within the cap, and never a text in its place (no loop of failures). */
    public void fallbackCall(LeadCadence lead, String stepKey, String reason, Instant now) {
        call(lead, stepKey, reason, now, false);
    }

    private void call(LeadCadence lead, String stepKey, String reasonTemplate, Instant now, boolean touchIfFull) {
        if (lead.phone == null) {
            log.record(lead.leadId, DecisionKind.CALL_SKIPPED, stepKey, Channel.CALL, "no phone number to call", now, null);
            return;
        }
        Dealer dealer = directory.dealer(lead.dealerId);
        Rep rep = desk.repFor(lead, dealer, now);
        if (rep == null) {
            log.record(lead.leadId, DecisionKind.CALL_SKIPPED, stepKey, Channel.CALL, "no active rep known for the dealer", now, null);
            return;
        }
        LeadScore score = scoring.score(lead, dealer.zone(), now);
        String reason = MessageTemplate.render(reasonTemplate, TouchContent.values(lead, dealer, directory.rep(lead.repId)), false).body();
        Optional<String> full = desk.admitCall(rep, dealer, score, now);
        if (full.isEmpty()) {
            desk.createTask(lead, stepKey, rep, TaskKind.CALL, now, score.priority(), false, reason, score, stepKey);
            return;
        }
        String overCap = full.get() + " (score " + score.value() + ")";
        if (!touchIfFull) {
            desk.callOverCap(lead, rep, stepKey, FollowUpCommands.OverCap.NOTHING, overCap, now);
            log.record(lead.leadId, DecisionKind.CALL_SKIPPED, stepKey, Channel.CALL, overCap
                    + ": a fallback call over the cap is skipped, never turned into a text", now, score.factors().toString());
            return;
        }
        TouchRules.Decision instead = text.decide(lead, dealer, Purpose.CADENCE, false, null, now);
        switch (instead.action()) {
            case SEND, EMAIL_INSTEAD -> {
                boolean texted = instead.action() == TouchRules.Action.SEND;
                desk.callOverCap(lead, rep, stepKey, texted ? FollowUpCommands.OverCap.TEXT : FollowUpCommands.OverCap.EMAIL,
                        overCap, now);
                log.record(lead.leadId, DecisionKind.CALL_OVERFLOW, stepKey, Channel.CALL, overCap
                        + (texted ? ": automated text instead" : ": automated email instead"), now, score.factors().toString());
                text.carryOut(lead, dealer, instead, stepKey + "-text", new TouchContent(OVERFLOW_TEXT, null, null),
                        Purpose.CADENCE, false, now);
            }
            case SKIP, DROP, DEFER -> {
                desk.callOverCap(lead, rep, stepKey, FollowUpCommands.OverCap.NOTHING, overCap, now);
                log.record(lead.leadId, DecisionKind.CALL_SKIPPED, stepKey, Channel.CALL, overCap
                        + "; no automated touch in its place either: " + instead.reason(), now, score.factors().toString());
            }
        }
    }
}
