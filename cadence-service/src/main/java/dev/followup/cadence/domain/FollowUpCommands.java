package dev.followup.cadence.domain;

import java.time.Instant;
import java.util.List;
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

    /** @param reply what the customer's reply asked for, when the task comes from one; else null */
    record Task(UUID taskId, UUID leadId, UUID dealerId, UUID repId, TaskKind kind, Instant dueAt, int priority,
            boolean urgent, String reason, LeadScore score, String displayName, String phone, String vehicle,
            ReplyAsk reply, Instant createdAt) {
    }

    /**
     * What a customer's reply asked for, carried on its task so the rep's page can act on it.
     *
     * @param intent appointment, call-me, question, not-looking or other
     * @param proposedAt the visit or call time proposed, in the customer's zone; null when none was
     * @param dayOnly a day was named but no time (proposedAt is then 10:00 that day)
     * @param questionKinds price, availability, trade-in, financing; empty when nothing is asked
     * @param lostReason bought-elsewhere or no-longer-looking (not-looking only)
     */
    record ReplyAsk(String intent, Instant proposedAt, boolean dayOnly, String timeZone, List<String> questionKinds,
            String question, String lostReason) {
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
