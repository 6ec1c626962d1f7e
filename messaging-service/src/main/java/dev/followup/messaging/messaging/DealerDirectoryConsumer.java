package dev.followup.messaging.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.messaging.domain.DealerDirectory;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** dealer-directory: keeps the local copy of dealers (reps are not needed here). */
@ApplicationScoped
public class DealerDirectoryConsumer {
    private final InboundEvents inbound;
    private final DealerDirectory directory;

    public DealerDirectoryConsumer(InboundEvents inbound, DealerDirectory directory) {
        this.inbound = inbound;
        this.directory = directory;
    }

    @Incoming("dealer-directory")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbound.apply("messaging.dealer-directory", record, event -> {
            switch (event.type()) {
                case DealerSettings.TYPE -> directory.apply(event.payloadAs(DealerSettings.class));
                default -> {
                }
            }
        });
    }
}
