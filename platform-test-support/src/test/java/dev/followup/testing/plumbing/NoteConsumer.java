package dev.followup.testing.plumbing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.followup.platform.events.PoisonRecordException;
import dev.followup.platform.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;

@ApplicationScoped
public class NoteConsumer {
    /** A note whose effect fails after it has written something: that write must not survive. */
    static final String REFUSED = "refused by its effect";

    private final InboundEvents inbound;
    private final EntityManager entityManager;

    public NoteConsumer(InboundEvents inbound, EntityManager entityManager) {
        this.inbound = inbound;
        this.entityManager = entityManager;
    }

    @Incoming("noted")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("noted", "plumbing.noted", records, event -> {
            String body = event.payload().path("body").asText();
            entityManager.createNativeQuery("insert into applied_note (event_id, body) values (?1, ?2)")
                    .setParameter(1, event.id())
                    .setParameter(2, body)
                    .executeUpdate();
            if (REFUSED.equals(body)) {
                throw new PoisonRecordException("this note is refused by its effect");
            }
        });
    }
}
