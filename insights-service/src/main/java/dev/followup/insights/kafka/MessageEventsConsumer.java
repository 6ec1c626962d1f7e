package dev.followup.insights.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.insights.domain.Channel;
import dev.followup.insights.domain.Milestone;
import dev.followup.insights.domain.ReadModel;
import dev.followup.platform.events.ReceivedEvent;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** Texts and emails sent or refused, replies, opt-outs and unsubscribes. */
@ApplicationScoped
public class MessageEventsConsumer {
    private final InboundEvents inbound;
    private final ReadModel model;

    public MessageEventsConsumer(InboundEvents inbound, ReadModel model) {
        this.inbound = inbound;
        this.model = model;
    }

    @Incoming("message-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("message-events", "insights.message-events", records, this::apply);
    }

    private void apply(ReceivedEvent event) {
        switch (event.type()) {
            case Payloads.Sent.TEXT -> sent(event.payloadAs(Payloads.Sent.class), Channel.TEXT);
            case Payloads.Sent.EMAIL -> sent(event.payloadAs(Payloads.Sent.class), Channel.EMAIL);
            case Payloads.TextStatus.V1, Payloads.TextStatus.V2 -> {
                Payloads.TextStatus status = event.payloadAs(Payloads.TextStatus.class);
                if (status.refused()) {
                    String reason = status.reason() != null ? status.reason() : "carrier-error";
                    model.touchRefused(status.idempotencyKey(), status.leadId(), status.dealerId(), Channel.TEXT, reason);
                }
            }
            case Payloads.EmailFailed.TYPE -> {
                Payloads.EmailFailed failed = event.payloadAs(Payloads.EmailFailed.class);
                model.touchRefused(failed.idempotencyKey(), failed.leadId(), failed.dealerId(), Channel.EMAIL,
                        failed.reason());
            }
            case Payloads.ReplyReceived.TYPE, Payloads.ReplyReceived.TYPE_V1 -> {
                Payloads.ReplyReceived reply = event.payloadAs(Payloads.ReplyReceived.class);
                model.reply(reply.replyId(), reply.leadId(), reply.dealerId(), reply.intent(), reply.receivedAt());
            }
            case Payloads.OptedOut.TYPE -> {
                Payloads.OptedOut optOut = event.payloadAs(Payloads.OptedOut.class);
                model.milestone(optOut.leadId(), Milestone.OPTED_OUT, optOut.optedOutAt());
            }
            case Payloads.Unsubscribed.TYPE -> {
                Payloads.Unsubscribed unsubscribed = event.payloadAs(Payloads.Unsubscribed.class);
                model.milestone(unsubscribed.leadId(), Milestone.OPTED_OUT, unsubscribed.unsubscribedAt());
            }
            default -> {
            }
        }
    }

    private void sent(Payloads.Sent sent, Channel channel) {
        model.touchSent(sent.idempotencyKey(), sent.leadId(), sent.dealerId(), channel, sent.sentAt());
    }
}
