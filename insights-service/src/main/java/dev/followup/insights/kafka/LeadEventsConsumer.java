package dev.followup.insights.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.insights.domain.Milestone;
import dev.followup.insights.domain.ReadModel;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** Leads received and merged, showroom visits, status changes (appointment, sold, lost). */
@ApplicationScoped
public class LeadEventsConsumer {
    private final InboundEvents inbound;
    private final ReadModel model;

    public LeadEventsConsumer(InboundEvents inbound, ReadModel model) {
        this.inbound = inbound;
        this.model = model;
    }

    @Incoming("lead-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("lead-events", "insights.lead-events", records, event -> {
            switch (event.type()) {
                case Payloads.LeadCreated.TYPE -> {
                    Payloads.LeadCreated lead = event.payloadAs(Payloads.LeadCreated.class);
                    model.leadReceived(lead.leadId(), lead.dealerId(), lead.source(), lead.assignedRepId(),
                            lead.textable(), lead.receivedAt());
                }
                case Payloads.LeadMerged.TYPE -> model.leadMerged(event.payloadAs(Payloads.LeadMerged.class).leadId());
                case Payloads.VisitRecorded.TYPE -> {
                    Payloads.VisitRecorded visit = event.payloadAs(Payloads.VisitRecorded.class);
                    model.milestone(visit.leadId(), Milestone.VISITED, visit.visitedAt());
                }
                case Payloads.StatusChanged.TYPE -> {
                    Payloads.StatusChanged change = event.payloadAs(Payloads.StatusChanged.class);
                    model.status(change.leadId(), change.status(), change.changedAt());
                    if ("appointment".equals(change.status())) {
                        model.milestone(change.leadId(), Milestone.APPOINTMENT, change.changedAt());
                    }
                }
                default -> {
                }
            }
        });
    }
}
