package dev.followup.insights.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.insights.domain.Channel;
import dev.followup.insights.domain.ReadModel;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** What cadence asked for: each text and email with its plan step, the reps' tasks, and the leads a step held out. */
@ApplicationScoped
public class CadenceCommandsConsumer {
    private final InboundEvents inbound;
    private final ReadModel model;

    public CadenceCommandsConsumer(InboundEvents inbound, ReadModel model) {
        this.inbound = inbound;
        this.model = model;
    }

    @Incoming("cadence-commands")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("cadence-commands", "insights.cadence-commands", records, event -> {
            switch (event.type()) {
                case Payloads.SendRequested.TEXT -> requested(event.payloadAs(Payloads.SendRequested.class), Channel.TEXT);
                case Payloads.SendRequested.EMAIL -> requested(event.payloadAs(Payloads.SendRequested.class), Channel.EMAIL);
                case Payloads.TaskCreated.TYPE, Payloads.TaskCreated.TYPE_V1 -> {
                    Payloads.TaskCreated task = event.payloadAs(Payloads.TaskCreated.class);
                    model.taskCreated(task.taskId(), task.leadId(), task.dealerId(), task.repId(), task.kind(),
                            task.dueAt(), task.createdAt());
                }
                case Payloads.StepHeldOut.TYPE -> {
                    Payloads.StepHeldOut held = event.payloadAs(Payloads.StepHeldOut.class);
                    model.heldOut(held.leadId(), held.dealerId(), held.stepId(), Channel.fromWire(held.channel()),
                            held.heldOutAt());
                }
                case Payloads.CallOverCap.TYPE -> {
                    Payloads.CallOverCap over = event.payloadAs(Payloads.CallOverCap.class);
                    model.callOverCap(over.leadId(), over.dealerId(), over.repId(), over.stepId(), over.instead(),
                            over.decidedAt());
                }
                case Payloads.TasksCancelled.TYPE -> {
                    Payloads.TasksCancelled cancel = event.payloadAs(Payloads.TasksCancelled.class);
                    model.tasksCancelled(cancel.leadId(), "all".equals(cancel.scope()), cancel.cancelledAt());
                }
                default -> {
                }
            }
        });
    }

    private void requested(Payloads.SendRequested send, Channel channel) {
        model.touchRequested(send.idempotencyKey(), send.leadId(), send.dealerId(), channel, send.stepId(),
                send.purpose(), send.requestedAt());
    }
}
