package dev.followup.testing.plumbing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

@ApplicationScoped
public class NoteConsumer {
    private final InboundEvents inbound;
    private final EntityManager entityManager;

    public NoteConsumer(InboundEvents inbound, EntityManager entityManager) {
        this.inbound = inbound;
        this.entityManager = entityManager;
    }

    @Incoming("noted")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbound.apply("plumbing.noted", record, event -> entityManager
                .createNativeQuery("insert into applied_note (event_id, body) values (?1, ?2)")
                .setParameter(1, event.id())
                .setParameter(2, event.payload().path("body").asText())
                .executeUpdate());
    }
}
