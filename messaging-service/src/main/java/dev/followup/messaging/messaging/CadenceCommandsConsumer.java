package dev.followup.messaging.messaging;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.messaging.domain.SendService;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/**
 * cadence-commands: carries out followup.send-message.v1 (task commands are for task-service and skipped). The
 * attempt is committed with the inbox row; Twilio is called only after that commit.
 */
@ApplicationScoped
public class CadenceCommandsConsumer {
    static final String INBOX = "messaging.cadence-commands";

    private final InboundEvents inbound;
    private final SendService sends;

    public CadenceCommandsConsumer(InboundEvents inbound, SendService sends) {
        this.inbound = inbound;
        this.sends = sends;
    }

    @Incoming("cadence-commands")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        AtomicReference<Optional<UUID>> toDispatch = new AtomicReference<>(Optional.empty());
        inbound.apply(INBOX, record, event -> {
            switch (event.type()) {
                case SendMessageCommand.TYPE -> toDispatch.set(sends.accept(event.payloadAs(SendMessageCommand.class)));
                default -> {
                }
            }
        });
        toDispatch.get().ifPresent(sends::dispatch);
    }
}
