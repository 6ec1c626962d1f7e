package dev.followup.messaging.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.RefusalReason;
import dev.followup.messaging.domain.email.OutboundEmail;
import dev.followup.messaging.domain.reply.ProposedTime;
import dev.followup.messaging.domain.reply.QuestionKind;
import dev.followup.messaging.domain.reply.ReplyIntent;
import dev.followup.messaging.domain.reply.ReplyReading;
import dev.followup.messaging.domain.text.OutboundMessage;
import dev.followup.platform.metrics.CommittedMetrics;
import dev.followup.platform.outbox.Outbox;
import io.quarkus.runtime.StartupEvent;

/** messaging-service's events as records on message-events, keyed by lead id, through the outbox in the caller's transaction. */
@ApplicationScoped
public class OutboxEvents implements MessagingEvents {
    private final Outbox outbox;
    private final CommittedMetrics metrics;

    private static final String SENT = "followup.texts.sent";
    private static final String SENT_HELP = "Texts Twilio accepted (or sandbox recorded)";
    private static final String REFUSED = "followup.texts.refused";
    private static final String REFUSED_HELP = "Texts that did not go out or were not delivered, by reason";
    private static final String REPLIES = "followup.replies";
    private static final String REPLIES_HELP = "Customer replies, by intent";
    private static final String OPT_OUTS = "followup.opt.outs";
    private static final String OPT_OUTS_HELP = "Customers who opted out, by channel";
    private static final String FIRST_TEXT_SEND_DELAY = "followup.first.text.send.delay";
    private static final String FIRST_TEXT_SEND_DELAY_HELP =
            "From the first text's request (cadence) to Twilio accepting it: queue, pacing and window waits";

    public OutboxEvents(Outbox outbox, CommittedMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** The alerts and the dashboard read these series: they exist from startup, at zero until something happens. */
    void declareMetrics(@Observes StartupEvent startup) {
        metrics.declareDuration(FIRST_TEXT_SEND_DELAY, FIRST_TEXT_SEND_DELAY_HELP);
        for (String sandbox : new String[] {"true", "false"}) {
            metrics.declare(SENT, SENT_HELP, "sandbox", sandbox);
        }
        for (RefusalReason reason : RefusalReason.values()) {
            metrics.declare(REFUSED, REFUSED_HELP, "reason", reason.wire());
        }
        for (ReplyIntent intent : ReplyIntent.values()) {
            metrics.declare(REPLIES, REPLIES_HELP, "intent", intent.wire());
        }
        for (String channel : new String[] {"text", "email"}) {
            metrics.declare(OPT_OUTS, OPT_OUTS_HELP, "channel", channel);
        }
    }

    private void publish(UUID leadId, String type, Object payload) {
        outbox.publish(MessageEvents.TOPIC, leadId.toString(), type, payload);
    }

    @Override
    public void textSent(OutboundMessage m, Instant at) {
        publish(m.leadId, MessageEvents.MessageSent.TYPE, new MessageEvents.MessageSent(m.messageId, m.idempotencyKey,
                m.leadId, m.dealerId, m.providerSid, m.segments == null ? 1 : m.segments, m.sandbox, at));
        metrics.increment(SENT, SENT_HELP, "sandbox", String.valueOf(m.sandbox));
        if ("first-touch".equals(m.purpose) && m.requestedAt != null) {
            metrics.record(FIRST_TEXT_SEND_DELAY, FIRST_TEXT_SEND_DELAY_HELP, Duration.between(m.requestedAt, at));
        }
    }

    @Override
    public void textStatus(OutboundMessage m, String status, RefusalReason reason, Integer errorCode, String detail, Instant at) {
        publish(m.leadId, MessageEvents.MessageStatusChanged.TYPE, new MessageEvents.MessageStatusChanged(m.messageId,
                m.idempotencyKey, m.leadId, m.dealerId, status, reason == null ? null : reason.wire(), errorCode,
                bounded(detail), at));
        if (reason != null) {
            metrics.increment(REFUSED, REFUSED_HELP, "reason", reason.wire());
        }
        if (errorCode != null) {
            metrics.increment("followup.twilio.errors", "Twilio error codes on texts (send answers and status callbacks)",
                    "code", String.valueOf(errorCode));
        }
    }

    @Override
    public void replyReceived(UUID replyId, UUID leadId, UUID dealerId, ReplyReading reading, String body, String providerSid,
            Instant at) {
        ProposedTime when = reading.when();
        MessageEvents.Proposed proposed = when == null ? null
                : new MessageEvents.Proposed(when.day(), when.time() == null ? null : when.time().toString());
        MessageEvents.Question question = reading.question() == null ? null : new MessageEvents.Question(
                reading.questions().stream().map(QuestionKind::wire).toList(), reading.question());
        publish(leadId, MessageEvents.ReplyReceived.TYPE, new MessageEvents.ReplyReceived(replyId, leadId, dealerId,
                reading.intent().wire(), body, proposed, question,
                reading.notLooking() == null ? null : reading.notLooking().wire(), providerSid, at));
        metrics.increment(REPLIES, REPLIES_HELP, "intent", reading.intent().wire());
    }

    @Override
    public void optedOut(UUID leadId, UUID dealerId, String phone, String words, UUID replyId, Instant at) {
        publish(leadId, MessageEvents.OptedOut.TYPE, new MessageEvents.OptedOut(leadId, dealerId, phone, words, replyId, at));
        metrics.increment(OPT_OUTS, OPT_OUTS_HELP, "channel", "text");
    }

    @Override
    public void optedIn(UUID leadId, UUID dealerId, String phone, String words, UUID replyId, Instant at) {
        publish(leadId, MessageEvents.OptedIn.TYPE, new MessageEvents.OptedIn(leadId, dealerId, phone, words, replyId, at));
    }

    @Override
    public void emailSent(OutboundEmail e, Instant at) {
        publish(e.leadId, MessageEvents.EmailSent.TYPE, new MessageEvents.EmailSent(e.emailId, e.idempotencyKey, e.leadId,
                e.dealerId, e.sandbox, at));
    }

    @Override
    public void emailFailed(OutboundEmail e, RefusalReason reason, String detail, Instant at) {
        publish(e.leadId, MessageEvents.EmailFailed.TYPE, new MessageEvents.EmailFailed(e.emailId, e.idempotencyKey,
                e.leadId, e.dealerId, reason.wire(), bounded(detail), at));
    }

    @Override
    public void emailUnsubscribed(UUID leadId, UUID dealerId, String address, UUID emailId, String method, Instant at) {
        publish(leadId, MessageEvents.EmailUnsubscribed.TYPE,
                new MessageEvents.EmailUnsubscribed(leadId, dealerId, address, emailId, method, at));
        metrics.increment(OPT_OUTS, OPT_OUTS_HELP, "channel", "email");
    }

    @Override
    public void emailBounced(UUID leadId, UUID dealerId, String address, UUID emailId, String detail, Instant at) {
        publish(leadId, MessageEvents.EmailBounced.TYPE,
                new MessageEvents.EmailBounced(leadId, dealerId, address, emailId, bounded(detail), at));
    }

    private static String bounded(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
