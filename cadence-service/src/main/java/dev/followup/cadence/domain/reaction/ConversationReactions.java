package dev.followup.cadence.domain.reaction;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands.TaskKind;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.domain.contact.ContactLedger;
import dev.followup.cadence.domain.contact.OptOutScope;
import dev.followup.cadence.domain.desk.LeadScore;
import dev.followup.cadence.domain.desk.RepDesk;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.directory.Rep;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.platform.time.MovableClock;

/**
 * Reactions to the customer's side of the conversation: a reply pauses automation and puts an urgent task in front
 * of the rep; opt-outs, unsubscribes and bounces stop a channel (all channels, unless the dealer chose otherwise).
 */
@ApplicationScoped
public class ConversationReactions {
    public enum Intent { OPT_OUT, OPT_IN, HELP, OTHER }

    public record Reply(UUID replyId, UUID leadId, Intent intent, String body) {
    }

    /** A recipient's reachability changed: texts opted out or in, an email unsubscribed or bounced. */
    public record ChannelChange(UUID leadId, UUID dealerId, Channel channel, String address, boolean stopped,
            String because) {
    }

    private final LeadPlans plans;
    private final RepDesk desk;
    private final ContactLedger ledger;
    private final Directory directory;
    private final DecisionLog log;
    private final Clock clock;

    public ConversationReactions(LeadPlans plans, RepDesk desk, ContactLedger ledger, Directory directory,
            DecisionLog log, MovableClock clock) {
        this.plans = plans;
        this.desk = desk;
        this.ledger = ledger;
        this.directory = directory;
        this.log = log;
        this.clock = clock;
    }

    public void onReply(Reply reply) {
        LeadCadence lead = plans.lock(reply.leadId());
        if (lead == null) {
            return;
        }
        switch (reply.intent()) {
            case OPT_OUT, OPT_IN -> log.record(lead.leadId, DecisionKind.REPLY_NOTED, "customer replied with an "
                    + (reply.intent() == Intent.OPT_OUT ? "opt-out" : "opt-in") + " (handled by the opt-out state)");
            case HELP -> log.record(lead.leadId, DecisionKind.REPLY_NOTED,
                    "customer asked for HELP (messaging answered with the dealer's contact)");
            case OTHER -> {
                Instant now = clock.instant();
                lead.replies++;
                if (lead.isActive()) {
                    plans.pause(lead, "customer replied");
                }
                Dealer dealer = directory.dealer(lead.dealerId);
                Rep rep = desk.repFor(lead, dealer, now);
                String reason = "Customer replied: \"" + MessageTemplate.clean(reply.body(), 400).orElse("") + "\"";
                if (rep == null) {
                    log.record(lead.leadId, DecisionKind.TASK_SKIPPED, "replied", Channel.CALL,
                            "no active rep known for the dealer: " + reason, now, null);
                    return;
                }
                desk.createTask(lead, "replied:" + reply.replyId(), rep, TaskKind.REPLIED_CUSTOMER, now, 100, true, reason,
                        LeadScore.of(lead.scoreInputs(), now), "replied");
            }
        }
    }

    /** The ledger changes for the dealer and address; every lead of the dealer with that address notes it. */
    public void onChannelChanged(ChannelChange change) {
        Instant now = clock.instant();
        ledger.setSuppressed(change.dealerId(), change.channel(), change.address(), change.stopped(), change.because(), now);
        Dealer dealer = directory.dealer(change.dealerId());
        boolean everyChannel = dealer == null || dealer.optOutScope() == OptOutScope.ALL_CHANNELS;
        for (LeadCadence lead : leadsWith(change)) {
            log.record(lead.leadId, kindOf(change), describe(change, everyChannel));
        }
    }

    private static DecisionKind kindOf(ChannelChange change) {
        if (change.channel() == Channel.TEXT) {
            return change.stopped() ? DecisionKind.TEXTS_STOPPED : DecisionKind.TEXTS_RESUMED;
        }
        return DecisionKind.EMAILS_STOPPED;
    }

    private static String describe(ChannelChange change, boolean everyChannel) {
        String channel = change.channel() == Channel.TEXT ? "texts" : "emails";
        if (!change.stopped()) {
            return change.because() + ": automated " + channel + " may resume";
        }
        String other = change.channel() == Channel.TEXT ? "emails" : "texts";
        return change.because() + ": no more automated " + channel + " until the customer opts back in"
                + (everyChannel ? "; automated " + other + " stop too (the dealer's opt-outs cover every channel)"
                        : "; automated " + other + " continue (the dealer chose per-channel opt-outs)")
                + "; call tasks continue";
    }

    private List<LeadCadence> leadsWith(ChannelChange change) {
        String field = change.channel() == Channel.TEXT ? "phone" : "email";
        List<LeadCadence> leads = new ArrayList<>(LeadCadence.list("dealerId = ?1 and " + field + " = ?2",
                change.dealerId(), change.address()));
        if (change.leadId() != null && leads.stream().noneMatch(l -> l.leadId.equals(change.leadId()))) {
            LeadCadence lead = LeadCadence.findById(change.leadId());
            if (lead != null) {
                leads.add(lead);
            }
        }
        return leads;
    }
}
