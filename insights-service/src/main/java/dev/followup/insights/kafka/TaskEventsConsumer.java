package dev.followup.insights.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.insights.domain.ReadModel;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** What reps did with their tasks. */
@ApplicationScoped
public class TaskEventsConsumer {
    private final InboundEvents inbound;
    private final ReadModel model;

    public TaskEventsConsumer(InboundEvents inbound, ReadModel model) {
        this.inbound = inbound;
        this.model = model;
    }

    @Incoming("task-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("task-events", "insights.task-events", records, event -> {
            if (Payloads.TaskCompleted.TYPE.equals(event.type())) {
                Payloads.TaskCompleted done = event.payloadAs(Payloads.TaskCompleted.class);
                model.taskCompleted(done.taskId(), done.leadId(), done.dealerId(), done.repId(), done.kind(),
                        done.outcome(), done.completedAt());
            }
        });
    }
}
