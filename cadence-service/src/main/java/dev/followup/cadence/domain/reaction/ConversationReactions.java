package dev.followup.cadence.domain.reaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands;
import dev.followup.cadence.domain.FollowUpCommands.TaskKind;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.domain.likelihood.LeadScoring;
import dev.followup.cadence.domain.contact.ContactLedger;
import dev.followup.cadence.domain.contact.OptOutScope;
import dev.followup.cadence.domain.contact.TouchRules;
import dev.followup.cadence.domain.desk.RepDesk;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.directory.Rep;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.platform.time.MovableClock;

/**
 * Reactions to the customer's side of the conversation: a reply pauses automation and puts an urgent task in front
 * of the rep that says what the customer asked for (a visit at a time, a call, an answer; a customer who bought
 * elsewhere ends the cadence and the task proposes closing the lead as lost); opt-outs, unsubscribes and bounces stop
 * a channel (all channels, unless the dealer chose otherwise).
 */
@ApplicationScoped
public class ConversationReactions {
    public enum Intent { OPT_OUT, OPT_IN, HELP, APPOINTMENT, CALL_ME, QUESTION, NOT_LOOKING, OTHER }

    /**
     * @param proposed the day and time the customer proposed, or null
     * @param questionKinds what the customer asks about (price, availability, trade-in, financing); may be empty
     * @param question the sentence that asks, or null
     * @param notLookingReason bought-elsewhere or no-longer-looking (NOT_LOOKING), or null
     */
    public record Reply(UUID replyId, UUID leadId, Intent intent, String body, ProposedTime proposed,
            List<String> questionKinds, String question, String notLookingReason) {
    }

    /** A recipient's reachability changed: texts opted out or in, an email unsubscribed or bounced. */
    public record ChannelChange(UUID leadId, UUID dealerId, Channel channel, String address, boolean stopped,
            String because) {
    }

    /** A customer who writes back should hear from the dealer within minutes (the product brief, item 5). */
    static final Duration ANSWER_WITHIN = Duration.ofMinutes(5);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.US);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE MMM d, h:mm a", Locale.US);

    private final LeadPlans plans;
    private final RepDesk desk;
    private final ContactLedger ledger;
    private final Directory directory;
    private final DecisionLog log;
    private final Clock clock;
    private final LeadScoring scoring;

    public ConversationReactions(LeadPlans plans, RepDesk desk, ContactLedger ledger, Directory directory,
            DecisionLog log, MovableClock clock, LeadScoring scoring) {
        this.scoring = scoring;
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
            default -> answer(lead, reply);
        }
    }

    /**
     * The customer is talking: automation pauses (or, for a customer who is not looking any more, ends) and the rep
     * gets an urgent task that says what the reply asks for, due within {@link #ANSWER_WITHIN} or at the time the
     * customer asked to be called.
     */
    private void answer(LeadCadence lead, Reply reply) {
        Instant now = clock.instant();
        lead.replies++;
        Dealer dealer = directory.dealer(lead.dealerId);
        if (reply.intent() == Intent.NOT_LOOKING) {
            plans.end(lead, "customer is not looking any more (" + lostWords(reply) + ")");
        } else if (lead.isActive()) {
            plans.pause(lead, "customer replied");
        }
        ZoneId zone = TouchRules.zoneOf(lead, dealer).zone();
        Instant proposedAt = reply.proposed() == null ? null : reply.proposed().at(zone, now);
        String said = "\"" + MessageTemplate.clean(reply.body(), 400).orElse("") + "\"";
        Instant dueAt = now.plus(ANSWER_WITHIN);
        TaskKind kind = TaskKind.REPLIED_CUSTOMER;
        String reason = switch (reply.intent()) {
            case APPOINTMENT -> "Wants to come in" + (proposedAt == null ? "" : " " + when(reply.proposed(), proposedAt, zone))
                    + ": " + said;
            case CALL_ME -> {
                kind = TaskKind.CALL;
                dueAt = proposedAt != null && proposedAt.isAfter(dueAt) ? proposedAt : dueAt;
                yield "Asked for a call" + (proposedAt == null ? "" : " " + when(reply.proposed(), proposedAt, zone)) + ": " + said;
            }
            case QUESTION -> "Asks about " + String.join(" and ", reply.questionKinds()) + ": \""
                    + MessageTemplate.clean(reply.question(), 300).orElse("") + "\"";
            case NOT_LOOKING -> "Not looking any more (" + lostWords(reply) + "): " + said + " Close the lead as lost?";
            default -> "Customer replied: " + said;
        };
        Rep rep = desk.repFor(lead, dealer, now);
        if (rep == null) {
            log.record(lead.leadId, DecisionKind.TASK_SKIPPED, "replied", Channel.CALL,
                    "no active rep known for the dealer: " + reason, now, null);
            return;
        }
        FollowUpCommands.ReplyAsk asked = new FollowUpCommands.ReplyAsk(reply.intent().name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), proposedAt, reply.proposed() != null && reply.proposed().dayOnly(), zone.getId(),
                reply.questionKinds(), reply.question(), reply.notLookingReason());
        desk.answerReply(lead, reply.replyId(), rep, kind, now, dueAt, reason, asked, scoring.score(lead, dealer.zone(), now));
    }

    private static String lostWords(Reply reply) {
        return "bought-elsewhere".equals(reply.notLookingReason()) ? "bought elsewhere" : "no longer looking";
    }

    /** "Sat Dec 5, 10:00 AM" in the customer's zone, or "Sat Dec 5" when no time was named. */
    private static String when(ProposedTime proposed, Instant at, ZoneId zone) {
        return at.atZone(zone).format(proposed.dayOnly() ? DAY : DAY_AND_TIME);
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
