package dev.followup.messaging.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.messaging.domain.directory.DealerDirectory;
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
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("dealer-directory", "messaging.dealer-directory", records, event -> {
            switch (event.type()) {
                case DealerSettings.TYPE -> {
                    DealerSettings d = event.payloadAs(DealerSettings.class);
                    directory.apply(new DealerDirectory.DealerUpdate(d.dealerId(), d.name(), d.textingNumber(),
                            d.messagingServiceSid(), d.contactPhone(), d.contactEmail(), d.mailingAddress(),
                            d.sendRatePerMinute(), Boolean.TRUE.equals(d.optOutConfirmation()), d.killSwitch(), d.active(),
                            d.updatedAt()));
                }
                default -> {
                }
            }
        });
    }
}
