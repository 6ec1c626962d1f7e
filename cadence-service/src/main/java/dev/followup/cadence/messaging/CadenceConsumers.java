package dev.followup.cadence.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.cadence.domain.CadenceEngine;
import dev.followup.cadence.domain.Directory;
import dev.followup.cadence.messaging.InboundRecords.DealerSettings;
import dev.followup.cadence.messaging.InboundRecords.LeadCreated;
import dev.followup.cadence.messaging.InboundRecords.LeadMerged;
import dev.followup.cadence.messaging.InboundRecords.MessageStatusChanged;
import dev.followup.cadence.messaging.InboundRecords.OptedIn;
import dev.followup.cadence.messaging.InboundRecords.OptedOut;
import dev.followup.cadence.messaging.InboundRecords.RepSettings;
import dev.followup.cadence.messaging.InboundRecords.ReplyReceived;
import dev.followup.cadence.messaging.InboundRecords.StatusChanged;
import dev.followup.cadence.messaging.InboundRecords.TaskCompleted;
import dev.followup.cadence.messaging.InboundRecords.VisitRecorded;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** One consumer per topic; each record is applied once, in the transaction that records it in the inbox. */
@ApplicationScoped
public class CadenceConsumers {
    private final InboundEvents inbound;
    private final CadenceEngine engine;
    private final Directory directory;

    public CadenceConsumers(InboundEvents inbound, CadenceEngine engine, Directory directory) {
        this.inbound = inbound;
        this.engine = engine;
        this.directory = directory;
    }

    @Incoming("lead-events")
    @Blocking
    public void leadEvents(ConsumerRecord<String, byte[]> record) {
        inbound.apply("cadence.lead-events", record, event -> {
            switch (event.type()) {
                case "lead.created.v1" -> engine.onLeadCreated(event.payloadAs(LeadCreated.class));
                case "lead.merged.v1" -> engine.onMerged(event.payloadAs(LeadMerged.class));
                case "lead.visit-recorded.v1" -> engine.onVisit(event.payloadAs(VisitRecorded.class));
                case "lead.status-changed.v1" -> engine.onStatusChanged(event.payloadAs(StatusChanged.class));
                default -> {
                }
            }
        });
    }

    @Incoming("message-events")
    @Blocking
    public void messageEvents(ConsumerRecord<String, byte[]> record) {
        inbound.apply("cadence.message-events", record, event -> {
            switch (event.type()) {
                case "message.reply-received.v1" -> engine.onReply(event.payloadAs(ReplyReceived.class));
                case "message.opted-out.v1" -> engine.onOptedOut(event.payloadAs(OptedOut.class));
                case "message.opted-in.v1" -> engine.onOptedIn(event.payloadAs(OptedIn.class));
                case "message.status-changed.v1" -> engine.onMessageStatus(event.payloadAs(MessageStatusChanged.class));
                default -> {
                }
            }
        });
    }

    @Incoming("task-events")
    @Blocking
    public void taskEvents(ConsumerRecord<String, byte[]> record) {
        inbound.apply("cadence.task-events", record, event -> {
            if ("task.completed.v1".equals(event.type())) {
                engine.onTaskCompleted(event.payloadAs(TaskCompleted.class));
            }
        });
    }

    @Incoming("dealer-directory")
    @Blocking
    public void dealerDirectory(ConsumerRecord<String, byte[]> record) {
        inbound.apply("cadence.dealer-directory", record, event -> {
            switch (event.type()) {
                case "directory.dealer.v1" -> directory.apply(event.payloadAs(DealerSettings.class));
                case "directory.rep.v1" -> directory.apply(event.payloadAs(RepSettings.class));
                default -> {
                }
            }
        });
    }
}
