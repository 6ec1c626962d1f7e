package dev.followup.insights.kafka;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields of each event type that the read model keeps, bound from payloads already checked against their
 * contracts (contracts/events). Everything else in a payload is ignored: a report needs no names or bodies.
 */
final class Payloads {
    private Payloads() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dealer(UUID dealerId, String name, String timeZone, Instant updatedAt) {
        static final String TYPE = "directory.dealer.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rep(UUID repId, UUID dealerId, String name, String role, boolean active, Instant updatedAt) {
        static final String TYPE = "directory.rep.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LeadCreated(UUID leadId, UUID dealerId, String source, UUID assignedRepId, Customer customer,
            Instant receivedAt) {
        static final String TYPE = "lead.created.v1";

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Customer(String phone, String phoneType) {
        }

        /** Mirrors cadence: only a mobile (or unknown kind of) phone is texted. */
        boolean textable() {
            return customer != null && customer.phone() != null
                    && (customer.phoneType() == null || "mobile".equals(customer.phoneType())
                            || "unknown".equals(customer.phoneType()));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LeadMerged(UUID leadId, UUID dealerId, Instant mergedAt) {
        static final String TYPE = "lead.merged.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record VisitRecorded(UUID leadId, UUID dealerId, Instant visitedAt) {
        static final String TYPE = "lead.visit-recorded.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StatusChanged(UUID leadId, UUID dealerId, String status, Instant changedAt) {
        static final String TYPE = "lead.status-changed.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendRequested(String idempotencyKey, UUID leadId, UUID dealerId, String purpose, String stepId,
            Instant requestedAt) {
        static final String TEXT = "followup.send-message.v1";
        static final String EMAIL = "followup.send-email.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskCreated(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, Instant dueAt,
            Instant createdAt) {
        static final String TYPE = "followup.create-task.v2";
        static final String TYPE_V1 = "followup.create-task.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TasksCancelled(UUID leadId, UUID dealerId, String scope, Instant cancelledAt) {
        static final String TYPE = "followup.cancel-tasks.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepHeldOut(UUID leadId, UUID dealerId, String stepId, String channel, Instant heldOutAt) {
        static final String TYPE = "followup.step-held-out.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CallOverCap(UUID leadId, UUID dealerId, UUID repId, String stepId, String instead, Instant decidedAt) {
        static final String TYPE = "followup.call-over-cap.v1";
    }

    /** message.sent.v1 and email.sent.v1 share the fields the read model keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sent(String idempotencyKey, UUID leadId, UUID dealerId, Instant sentAt) {
        static final String TEXT = "message.sent.v1";
        static final String EMAIL = "email.sent.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TextStatus(String idempotencyKey, UUID leadId, UUID dealerId, String status, String reason,
            String errorMessage) {
        static final String V1 = "message.status-changed.v1";
        static final String V2 = "message.status-changed.v2";

        boolean refused() {
            return "failed".equals(status) || "undelivered".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmailFailed(String idempotencyKey, UUID leadId, UUID dealerId, String reason) {
        static final String TYPE = "email.failed.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReplyReceived(UUID replyId, UUID leadId, UUID dealerId, String intent, Instant receivedAt) {
        static final String TYPE = "message.reply-received.v2";
        static final String TYPE_V1 = "message.reply-received.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OptedOut(UUID leadId, UUID dealerId, Instant optedOutAt) {
        static final String TYPE = "message.opted-out.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unsubscribed(UUID leadId, UUID dealerId, Instant unsubscribedAt) {
        static final String TYPE = "email.unsubscribed.v1";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskCompleted(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, String outcome,
            Instant completedAt) {
        static final String TYPE = "task.completed.v1";
    }
}
