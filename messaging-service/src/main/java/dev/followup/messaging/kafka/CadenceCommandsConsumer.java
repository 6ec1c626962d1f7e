package dev.followup.messaging.kafka;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.messaging.domain.email.EmailService;
import dev.followup.messaging.domain.text.SendPacer;
import dev.followup.messaging.domain.text.SendQueue;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/**
 * cadence-commands: texts join their dealer's send queue, emails are recorded; both in the inbox transaction. Only
 * after that commit is the dealer's pacer woken or the email handed to the SMTP server. Task commands are for
 * task-service and skipped.
 */
@ApplicationScoped
public class CadenceCommandsConsumer {
    static final String INBOX = "messaging.cadence-commands";

    private final InboundEvents inbound;
    private final SendQueue queue;
    private final SendPacer pacer;
    private final EmailService emails;

    public CadenceCommandsConsumer(InboundEvents inbound, SendQueue queue, SendPacer pacer, EmailService emails) {
        this.inbound = inbound;
        this.queue = queue;
        this.pacer = pacer;
        this.emails = emails;
    }

    @Incoming("cadence-commands")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        AtomicReference<Optional<UUID>> dealerToWake = new AtomicReference<>(Optional.empty());
        AtomicReference<Optional<UUID>> emailToSend = new AtomicReference<>(Optional.empty());
        inbound.apply(INBOX, record, event -> {
            switch (event.type()) {
                case SendCommands.SendMessage.TYPE -> {
                    SendCommands.SendMessage c = event.payloadAs(SendCommands.SendMessage.class);
                    dealerToWake.set(queue.accept(new SendQueue.TextRequest(c.idempotencyKey(), c.leadId(), c.dealerId(),
                            c.to(), c.body(), c.purpose(), c.requestedAt(), c.sendBefore())));
                }
                case SendCommands.SendEmail.TYPE -> {
                    SendCommands.SendEmail c = event.payloadAs(SendCommands.SendEmail.class);
                    emailToSend.set(emails.accept(new EmailService.EmailRequest(c.idempotencyKey(), c.leadId(), c.dealerId(),
                            c.toAddress().toLowerCase(Locale.ROOT), c.subject(), c.text(), c.html(), c.purpose(), c.requestedAt())));
                }
                default -> {
                }
            }
        });
        dealerToWake.get().ifPresent(pacer::wake);
        emailToSend.get().ifPresent(emails::sendSoon);
    }
}
