package dev.followup.cadence.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.reaction.ConversationReactions;
import dev.followup.cadence.domain.reaction.DeliveryReactions;
import dev.followup.cadence.domain.reaction.LeadReactions;
import dev.followup.cadence.domain.reaction.TaskReactions;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/**
 * One consumer per topic; each record is mapped to a domain input and applied once, in the transaction that records
 * it in the inbox. Types a consumer does not act on (message.sent.v1, email.sent.v1 ...) are recorded and skipped.
 */
@ApplicationScoped
public class CadenceConsumers {
    private final InboundEvents inbound;
    private final LeadReactions leads;
    private final ConversationReactions conversation;
    private final DeliveryReactions delivery;
    private final TaskReactions tasks;
    private final Directory directory;

    public CadenceConsumers(InboundEvents inbound, LeadReactions leads, ConversationReactions conversation,
            DeliveryReactions delivery, TaskReactions tasks, Directory directory) {
        this.inbound = inbound;
        this.leads = leads;
        this.conversation = conversation;
        this.delivery = delivery;
        this.tasks = tasks;
        this.directory = directory;
    }

    @Incoming("lead-events")
    @Blocking
    public void leadEvents(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("lead-events", "cadence.lead-events", records, event -> {
            switch (event.type()) {
                case "lead.created.v1" -> leads.onCreated(WireMapping.newLead(event.payloadAs(InboundRecords.LeadCreated.class)));
                case "lead.merged.v1" -> {
                    InboundRecords.LeadMerged merged = event.payloadAs(InboundRecords.LeadMerged.class);
                    leads.onMerged(new LeadReactions.DuplicateLead(merged.leadId(), merged.source(), merged.matchedOn()));
                }
                case "lead.visit-recorded.v1" -> {
                    InboundRecords.VisitRecorded visit = event.payloadAs(InboundRecords.VisitRecorded.class);
                    leads.onVisit(new LeadReactions.Visit(visit.leadId(), visit.visitedAt(), visit.repId()));
                }
                case "lead.status-changed.v1" -> leads.onStatusChanged(
                        WireMapping.statusChange(event.payloadAs(InboundRecords.StatusChanged.class)));
                default -> {
                }
            }
        });
    }

    @Incoming("message-events")
    @Blocking
    public void messageEvents(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("message-events", "cadence.message-events", records, event -> {
            switch (event.type()) {
                case "message.reply-received.v1", "message.reply-received.v2" -> conversation.onReply(
                        WireMapping.reply(event.payloadAs(InboundRecords.ReplyReceived.class)));
                case "message.opted-out.v1" -> conversation.onChannelChanged(
                        WireMapping.optedOut(event.payloadAs(InboundRecords.OptedOut.class)));
                case "message.opted-in.v1" -> conversation.onChannelChanged(
                        WireMapping.optedIn(event.payloadAs(InboundRecords.OptedIn.class)));
                case "message.status-changed.v1", "message.status-changed.v2" -> {
                    DeliveryReactions.Failure failure = WireMapping.textFailure(
                            event.payloadAs(InboundRecords.MessageStatusChanged.class));
                    if (failure != null) {
                        delivery.onFailed(failure);
                    }
                }
                case "email.failed.v1" -> delivery.onFailed(WireMapping.emailFailure(event.payloadAs(InboundRecords.EmailFailed.class)));
                case "email.unsubscribed.v1" -> conversation.onChannelChanged(
                        WireMapping.emailStopped(event.payloadAs(InboundRecords.EmailStopped.class), false));
                case "email.bounced.v1" -> conversation.onChannelChanged(
                        WireMapping.emailStopped(event.payloadAs(InboundRecords.EmailStopped.class), true));
                default -> {
                }
            }
        });
    }

    @Incoming("task-events")
    @Blocking
    public void taskEvents(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("task-events", "cadence.task-events", records, event -> {
            if ("task.completed.v1".equals(event.type())) {
                tasks.onCompleted(WireMapping.taskOutcome(event.payloadAs(InboundRecords.TaskCompleted.class)));
            }
        });
    }

    @Incoming("dealer-directory")
    @Blocking
    public void dealerDirectory(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("dealer-directory", "cadence.dealer-directory", records, event -> {
            switch (event.type()) {
                case "directory.dealer.v1" -> directory.apply(WireMapping.dealer(event.payloadAs(InboundRecords.DealerSettings.class)));
                case "directory.rep.v1" -> directory.apply(WireMapping.rep(event.payloadAs(InboundRecords.RepSettings.class)));
                default -> {
                }
            }
        });
    }
}
