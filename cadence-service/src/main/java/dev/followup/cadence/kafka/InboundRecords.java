package dev.followup.cadence.kafka;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The fields cadence-service reads from the events it consumes (Jackson ignores the rest). */
final class InboundRecords {
    private InboundRecords() {
    }

    record Customer(String firstName, String lastName, String phone, String email, String postalCode) {
    }

    record Vehicle(Integer year, String make, String model, String trim) {
        String summary() {
            StringBuilder s = new StringBuilder();
            for (Object part : new Object[] {year, make, model, trim}) {
                if (part != null && !part.toString().isBlank()) {
                    s.append(s.isEmpty() ? "" : " ").append(part.toString().trim());
                }
            }
            return s.isEmpty() ? null : s.toString();
        }
    }

    record Consent(boolean textConsent) {
    }

    record LeadCreated(UUID leadId, UUID dealerId, String source, UUID assignedRepId, Customer customer,
            List<Vehicle> vehicles, Consent consent, Instant receivedAt) {
    }

    record LeadMerged(UUID leadId, UUID dealerId, Instant mergedAt, String source, String matchedOn) {
    }

    record VisitRecorded(UUID leadId, UUID dealerId, UUID visitId, Instant visitedAt, UUID repId, boolean newLead) {
    }

    record StatusChanged(UUID leadId, UUID dealerId, String previousStatus, String status, Instant appointmentAt,
            String reason, Instant changedAt) {
    }

    /** message.reply-received.v1 and v2 (v1 has no proposed, question or notLookingReason). */
    record ReplyReceived(UUID replyId, UUID leadId, UUID dealerId, String intent, String body, Proposed proposed,
            Question question, String notLookingReason, Instant receivedAt) {
    }

    record Proposed(String day, String time) {
    }

    record Question(List<String> kinds, String text) {
    }

    record OptedOut(UUID leadId, UUID dealerId, String phone, String keyword, Instant optedOutAt) {
    }

    record OptedIn(UUID leadId, UUID dealerId, String phone, String keyword, Instant optedInAt) {
    }

    /** message.status-changed.v1 (no reason) and v2 (typed reason). */
    record MessageStatusChanged(UUID messageId, String idempotencyKey, UUID leadId, UUID dealerId, String status,
            String reason, Integer errorCode, String errorMessage, Instant changedAt) {
    }

    record EmailFailed(UUID emailId, String idempotencyKey, UUID leadId, UUID dealerId, String reason, String detail) {
    }

    record EmailStopped(UUID leadId, UUID dealerId, String email, String method, String detail) {
    }

    record TaskCompleted(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, String outcome,
            Instant appointmentAt, Instant completedAt) {
    }

    record BusinessHours(String day, String opens, String closes) {
    }

    record DealerSettings(UUID dealerId, String name, String timeZone, String state, List<BusinessHours> businessHours,
            String contactPhone, boolean killSwitch, boolean active, String optOutScope, Instant updatedAt) {
    }

    record RepSettings(UUID repId, UUID dealerId, String name, int dailyCallCapacity, boolean active, String role,
            Instant updatedAt) {
    }
}
