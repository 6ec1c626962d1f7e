package dev.followup.testing.plumbing;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.followup.platform.outbox.Outbox;

@ApplicationScoped
public class NoteService {
    private final EntityManager entityManager;
    private final Outbox outbox;

    public NoteService(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Stores a note and announces it through the outbox, in one transaction. @return the event id */
    @Transactional
    public UUID record(UUID noteId, String body) {
        entityManager.createNativeQuery("insert into note (id, body) values (?1, ?2)")
                .setParameter(1, noteId).setParameter(2, body).executeUpdate();
        return outbox.publish(PlumbingInfrastructure.TOPIC, noteId.toString(), "test.noted.v1",
                Map.of("noteId", noteId.toString(), "body", body));
    }

    /** As {@link #record}, with a title used once at most, checked only when the transaction commits. */
    @Transactional
    public UUID recordTitled(UUID noteId, String title, String body) {
        entityManager.createNativeQuery("insert into note_title (title, note_id) values (?1, ?2)")
                .setParameter(1, title).setParameter(2, noteId).executeUpdate();
        return record(noteId, body);
    }
}
