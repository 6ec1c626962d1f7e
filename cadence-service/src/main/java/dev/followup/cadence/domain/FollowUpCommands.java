package dev.followup.cadence.domain;

import java.time.Instant;
import java.util.UUID;

import dev.followup.cadence.domain.desk.LeadScore;

/**
 * What the cadence asks the other services to do. Implemented on the Kafka side (through the outbox, in the
 * caller's transaction); the domain never sees a wire record.
 */
public interface FollowUpCommands {

    /** @param sendBefore end of the recipient's sending window: not to be handed to the carrier after it */
    record Text(String idempotencyKey, UUID leadId, UUID dealerId, String to, String body, Purpose purpose,
            String stepKey, Instant requestedAt, Instant sendBefore) {
    }

    record Email(String idempotencyKey, UUID leadId, UUID dealerId, String to, String subject, String text, String html,
            Purpose purpose, String stepKey, Instant requestedAt) {
    }

    enum TaskKind {
        CALL("call"), REPLIED_CUSTOMER("replied-customer");

        private final String wire;

        TaskKind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Which open tasks of a lead to drop: those the plan made, or every one. */
    enum TaskScope {
        AUTOMATED("automated"), ALL("all");

        private final String wire;

        TaskScope(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    record Task(UUID taskId, UUID leadId, UUID dealerId, UUID repId, TaskKind kind, Instant dueAt, int priority,
            boolean urgent, String reason, LeadScore score, String displayName, String phone, String vehicle,
            Instant createdAt) {
    }

    void send(Text text);

    void send(Email email);

    void create(Task task);

    void cancelTasks(UUID leadId, UUID dealerId, TaskScope scope, String reason, Instant at);

    /** Not a command: the record that a step held this lead out, for the reports' lift of the step. */
    record HeldOut(UUID leadId, UUID dealerId, String stepKey, String channel, int holdoutPercent, Instant at) {
    }

    void heldOut(HeldOut heldOut);

    /** Not a command: the record that a rep's full list kept a call task off it, and what the lead got instead. */
    record OverCap(UUID leadId, UUID dealerId, UUID repId, String stepKey, String instead, String reason, Instant at) {
        public static final String TEXT = "text";
        public static final String EMAIL = "email";
        public static final String NOTHING = "nothing";
    }

    void overCap(OverCap overCap);
}
