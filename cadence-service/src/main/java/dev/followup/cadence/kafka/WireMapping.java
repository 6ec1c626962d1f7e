package dev.followup.cadence.kafka;

import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.reaction.ConversationReactions;
import dev.followup.cadence.domain.reaction.DeliveryReactions;
import dev.followup.cadence.domain.reaction.LeadReactions;
import dev.followup.cadence.domain.reaction.ProposedTime;
import dev.followup.cadence.domain.reaction.TaskReactions;
import dev.followup.platform.events.PoisonRecordException;

/** Wire records (as the contracts define them) to the domain's inputs. */
final class WireMapping {
    private WireMapping() {
    }

    static LeadReactions.NewLead newLead(InboundRecords.LeadCreated e) {
        InboundRecords.Customer c = e.customer() == null ? new InboundRecords.Customer(null, null, null, null, null) : e.customer();
        String vehicle = e.vehicles() == null ? null : e.vehicles().stream().map(InboundRecords.Vehicle::summary)
                .filter(Objects::nonNull).findFirst().map(s -> s.length() > 200 ? s.substring(0, 200) : s).orElse(null);
        String name = ((c.firstName() == null ? "" : c.firstName()) + " " + (c.lastName() == null ? "" : c.lastName())).trim();
        return new LeadReactions.NewLead(e.leadId(), e.dealerId(), e.source(), e.assignedRepId(),
                MessageTemplate.clean(c.firstName(), 100).orElse(null),
                MessageTemplate.clean(name, 200).orElse("Lead from " + e.source()), c.phone(),
                c.email() == null ? null : c.email().toLowerCase(Locale.ROOT), c.postalCode(), vehicle,
                e.consent() == null || e.consent().textConsent(), e.receivedAt());
    }

    static LeadReactions.StatusChange statusChange(InboundRecords.StatusChanged e) {
        return new LeadReactions.StatusChange(e.leadId(), e.previousStatus(), enumOf(LeadReactions.Status.class, e.status()),
                e.appointmentAt(), e.reason());
    }

    static ConversationReactions.Reply reply(InboundRecords.ReplyReceived e) {
        InboundRecords.Proposed p = e.proposed();
        ProposedTime proposed = p == null || p.day() == null && p.time() == null ? null
                : new ProposedTime(p.day(), p.time() == null ? null : LocalTime.parse(p.time()));
        InboundRecords.Question q = e.question();
        return new ConversationReactions.Reply(e.replyId(), e.leadId(), enumOf(ConversationReactions.Intent.class, e.intent()),
                e.body(), proposed, q == null ? List.of() : q.kinds(), q == null ? null : q.text(), e.notLookingReason());
    }

    static ConversationReactions.ChannelChange optedOut(InboundRecords.OptedOut e) {
        return new ConversationReactions.ChannelChange(e.leadId(), e.dealerId(), Channel.TEXT, e.phone(), true,
                "number opted out (\"" + e.keyword() + "\")");
    }

    static ConversationReactions.ChannelChange optedIn(InboundRecords.OptedIn e) {
        return new ConversationReactions.ChannelChange(e.leadId(), e.dealerId(), Channel.TEXT, e.phone(), false,
                "number opted back in (\"" + e.keyword() + "\")");
    }

    static ConversationReactions.ChannelChange emailStopped(InboundRecords.EmailStopped e, boolean bounced) {
        String because = bounced ? "the address bounced" + (e.detail() == null ? "" : " (" + e.detail() + ")")
                : "the customer unsubscribed from emails (" + e.method() + ")";
        return new ConversationReactions.ChannelChange(e.leadId(), e.dealerId(), Channel.EMAIL,
                e.email().toLowerCase(Locale.ROOT), true, because);
    }

    /** @return the failure, or null for a status that is not one (sent, delivered ...) */
    static DeliveryReactions.Failure textFailure(InboundRecords.MessageStatusChanged e) {
        if (!"failed".equals(e.status()) && !"undelivered".equals(e.status())) {
            return null;
        }
        DeliveryReactions.Reason reason = e.reason() != null ? enumOf(DeliveryReactions.Reason.class, e.reason())
                : Integer.valueOf(21610).equals(e.errorCode()) ? DeliveryReactions.Reason.OPTED_OUT
                        : DeliveryReactions.Reason.CARRIER_ERROR; // v1 carried no reason
        return new DeliveryReactions.Failure(e.leadId(), Channel.TEXT, e.idempotencyKey(), reason, e.errorCode(), e.errorMessage());
    }

    static DeliveryReactions.Failure emailFailure(InboundRecords.EmailFailed e) {
        return new DeliveryReactions.Failure(e.leadId(), Channel.EMAIL, e.idempotencyKey(),
                enumOf(DeliveryReactions.Reason.class, e.reason()), null, e.detail());
    }

    static TaskReactions.TaskOutcome taskOutcome(InboundRecords.TaskCompleted e) {
        return new TaskReactions.TaskOutcome(e.leadId(), e.kind(), enumOf(TaskReactions.Outcome.class, e.outcome()),
                e.appointmentAt());
    }

    static Directory.DealerUpdate dealer(InboundRecords.DealerSettings s) {
        String hours = s.businessHours() == null ? null : s.businessHours().stream()
                .map(h -> h.day() + " " + h.opens() + "-" + h.closes()).collect(Collectors.joining(", "));
        return new Directory.DealerUpdate(s.dealerId(), s.name(), s.timeZone(), s.state(), hours, s.contactPhone(),
                s.killSwitch(), s.active(), s.optOutScope(), s.updatedAt());
    }

    static Directory.RepUpdate rep(InboundRecords.RepSettings s) {
        return new Directory.RepUpdate(s.repId(), s.dealerId(), s.name(), s.dailyCallCapacity(), s.active(), s.role(),
                s.updatedAt());
    }

    /** {@code left-voicemail} -> LEFT_VOICEMAIL; a value the contract allows but this service does not know is poison. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        try {
            return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonRecordException("'" + wire + "' is not a known " + type.getSimpleName(), e);
        }
    }
}
