package dev.followup.insights.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.insights.domain.ReadModel;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

/** Dealers (name, time zone for the reports' days) and reps (names, roles: who may see which dealer). */
@ApplicationScoped
public class DirectoryConsumer {
    private final InboundEvents inbound;
    private final ReadModel model;

    public DirectoryConsumer(InboundEvents inbound, ReadModel model) {
        this.inbound = inbound;
        this.model = model;
    }

    @Incoming("dealer-directory")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("dealer-directory", "insights.dealer-directory", records, event -> {
            switch (event.type()) {
                case Payloads.Dealer.TYPE -> {
                    Payloads.Dealer dealer = event.payloadAs(Payloads.Dealer.class);
                    model.dealer(dealer.dealerId(), dealer.name(), dealer.timeZone(), dealer.updatedAt());
                }
                case Payloads.Rep.TYPE -> {
                    Payloads.Rep rep = event.payloadAs(Payloads.Rep.class);
                    model.rep(rep.repId(), rep.dealerId(), rep.name(), rep.role(), rep.active(), rep.updatedAt());
                }
                default -> {
                }
            }
        });
    }
}
