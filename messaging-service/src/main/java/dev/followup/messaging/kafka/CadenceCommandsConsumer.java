package dev.followup.messaging.kafka;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.messaging.domain.email.EmailService;
import dev.followup.messaging.domain.text.SendPacer;
import dev.followup.messaging.domain.text.SendQueue;
import dev.followup.platform.inbox.InboundEvents;
import dev.followup.platform.transactions.AfterCommit;
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
    private final TransactionSynchronizationRegistry transactions;

    public CadenceCommandsConsumer(InboundEvents inbound, SendQueue queue, SendPacer pacer, EmailService emails,
            TransactionSynchronizationRegistry transactions) {
        this.inbound = inbound;
        this.queue = queue;
        this.pacer = pacer;
        this.emails = emails;
        this.transactions = transactions;
    }

    @Incoming("cadence-commands")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("cadence-commands", INBOX, records, event -> {
            switch (event.type()) {
                case SendCommands.SendMessage.TYPE -> {
                    SendCommands.SendMessage c = event.payloadAs(SendCommands.SendMessage.class);
                    queue.accept(new SendQueue.TextRequest(c.idempotencyKey(), c.leadId(), c.dealerId(), c.to(), c.body(),
                            c.purpose(), c.requestedAt(), c.sendBefore()))
                            .ifPresent(dealer -> AfterCommit.run(transactions, () -> pacer.wake(dealer)));
                }
                case SendCommands.SendEmail.TYPE -> {
                    SendCommands.SendEmail c = event.payloadAs(SendCommands.SendEmail.class);
                    emails.accept(new EmailService.EmailRequest(c.idempotencyKey(), c.leadId(), c.dealerId(),
                            c.toAddress().toLowerCase(Locale.ROOT), c.subject(), c.text(), c.html(), c.purpose(), c.requestedAt()))
                            .ifPresent(email -> AfterCommit.run(transactions, () -> emails.sendSoon(email)));
                }
                default -> {
                }
            }
        });
    }
}
