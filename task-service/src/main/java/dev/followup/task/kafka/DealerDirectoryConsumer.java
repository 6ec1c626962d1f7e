package dev.followup.task.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.platform.events.PoisonRecordException;
import dev.followup.platform.inbox.InboundEvents;
import dev.followup.task.domain.Directory;
import dev.followup.task.domain.Role;
import io.smallrye.common.annotation.Blocking;

/** Keeps the local copy of dealers (time zone for "today") and reps (dealer, role, active) up to date. */
@ApplicationScoped
public class DealerDirectoryConsumer {
    private final InboundEvents inbound;
    private final Directory directory;

    public DealerDirectoryConsumer(InboundEvents inbound, Directory directory) {
        this.inbound = inbound;
        this.directory = directory;
    }

    @Incoming("dealer-directory")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("dealer-directory", "task.dealer-directory", records, event -> {
            switch (event.type()) {
                case DealerSettings.TYPE -> {
                    DealerSettings dealer = event.payloadAs(DealerSettings.class);
                    directory.saveDealer(dealer.dealerId(), dealer.name(), dealer.timeZone(), dealer.country(), dealer.active(),
                            dealer.updatedAt());
                }
                case RepSettings.TYPE -> {
                    RepSettings rep = event.payloadAs(RepSettings.class);
                    directory.saveRep(rep.repId(), rep.dealerId(), rep.name(), role(rep.role()), rep.active(),
                            rep.updatedAt());
                }
                default -> {
                }
            }
        });
    }

    private static Role role(String wire) {
        try {
            return Role.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
    }
}
